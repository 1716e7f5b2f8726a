/**
 * Spring integration for Coflow: {@link dev.coflow.spring.CoflowReactiveAdapters} (the registrations),
 * {@link dev.coflow.spring.CoflowAutoConfiguration} (Spring Boot) and
 * {@link dev.coflow.spring.EventLoopThread} (the event loop that runs controllers' coroutines).
 */
@NullMarked
package dev.coflow.spring;

import org.jspecify.annotations.NullMarked;
