/**
 * Carries thread-local context (MDC, the current span, security) from the code that starts a step of a
 * generator or coroutine to the thread that runs it, through Micrometer's context-propagation library
 * when it is on the class path. Internal: not exported.
 */
@NullMarked
package dev.coflow.internal.context;

import org.jspecify.annotations.NullMarked;
