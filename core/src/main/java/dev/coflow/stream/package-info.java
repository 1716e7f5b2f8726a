/**
 * Reactive Streams for Coflow: generators, async generators and tasks as pull-based
 * {@link org.reactivestreams.Publisher}s with backpressure, and {@code java.util.concurrent.Flow} views.
 */
@NullMarked
package dev.coflow.stream;

import org.jspecify.annotations.NullMarked;
