/**
 * JMH benchmarks of the RxJava bridge: a generator streamed as a {@code Flowable} by
 * {@code CoRx.flowable}, per item, against RxJava's own {@code Flowable.generate}.
 */
@NullMarked
package dev.coflow.benchmarks.rx;

import org.jspecify.annotations.NullMarked;
