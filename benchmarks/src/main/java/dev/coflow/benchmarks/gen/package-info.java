/**
 * JMH benchmarks of generators: {@code next()}, {@code send()} and {@code yieldFrom} per item on each
 * suspension engine, against a plain {@code Iterator}, Reactor's {@code Flux.generate} and RxJava's
 * {@code Flowable.generate}; and the retained size of a suspended generator.
 */
@NullMarked
package dev.coflow.benchmarks.gen;

import org.jspecify.annotations.NullMarked;
