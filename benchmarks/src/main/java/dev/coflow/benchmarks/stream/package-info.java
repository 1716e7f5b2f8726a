/**
 * JMH benchmarks of the Reactive Streams side and the Reactor bridge: a generator as a {@code Flux}
 * (unbounded and one item per request) against Reactor's {@code Flux.generate}, {@code publishOn} the
 * event loop against {@code Schedulers.single()}, and a coroutine as a {@code Mono} from subscribe to
 * result.
 */
@NullMarked
package dev.coflow.benchmarks.stream;

import org.jspecify.annotations.NullMarked;
