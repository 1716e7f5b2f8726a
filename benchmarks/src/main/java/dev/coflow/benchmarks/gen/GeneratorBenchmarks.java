package dev.coflow.benchmarks.gen;

import dev.coflow.gen.Generator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one generator step, per item: {@code next()}, {@code send()}, and {@code next()}
 * through {@code yieldFrom} chains of depth 1 and 5 ({@link #next()} is depth 0). Each subclass
 * forks a JVM on one suspension engine. Every generator yields the same object, so no item is
 * allocated and only the step itself is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class GeneratorBenchmarks {

    static final Object ITEM = new Object();

    private Generator<Object, Void, Void> plain = forever();
    private Generator<Object, Object, Void> echo = echo();
    private Generator<Object, Void, Void> depth1 = nested(1);
    private Generator<Object, Void, Void> depth5 = nested(5);

    /** An endless generator: Python's {@code while True: yield item}. */
    static Generator<Object, Void, Void> forever() {
        return Generator.of(y -> {
            for (;;) {
                y.yield(ITEM);
            }
        });
    }

    /** {@code depth} generators, each delegating to the next with {@code yieldFrom}, over {@link #forever()}. */
    static Generator<Object, Void, Void> nested(int depth) {
        if (depth == 0) {
            return forever();
        }
        Generator<Object, Void, Void> sub = nested(depth - 1);
        return Generator.of(y -> y.yieldFrom(sub));
    }

    /** An endless generator that yields what it is sent. */
    static Generator<Object, Object, Void> echo() {
        return Generator.of(y -> {
            @Nullable Object received = ITEM;
            for (;;) {
                received = y.yield(received);
            }
        });
    }

    /** Starts every generator, so the first measured step is not the one that creates its fiber. */
    @Setup(Level.Trial)
    public void start() {
        plain = forever();
        echo = echo();
        depth1 = nested(1);
        depth5 = nested(5);
        for (Generator<?, ?, ?> g : List.of(plain, echo, depth1, depth5)) {
            g.next();
        }
    }

    /** Closes every generator, so no fiber outlives its trial. */
    @TearDown(Level.Trial)
    public void close() {
        for (Generator<?, ?, ?> g : List.of(plain, echo, depth1, depth5)) {
            g.close();
        }
    }

    /** One {@code next()}: yieldFrom depth 0. */
    @Benchmark
    public @Nullable Object next() {
        return plain.next();
    }

    /** One {@code send(value)}. */
    @Benchmark
    public @Nullable Object send() {
        return echo.send(ITEM);
    }

    /** One {@code next()} through one {@code yieldFrom}. */
    @Benchmark
    public @Nullable Object yieldFromDepth1() {
        return depth1.next();
    }

    /** One {@code next()} through five nested {@code yieldFrom}s. */
    @Benchmark
    public @Nullable Object yieldFromDepth5() {
        return depth5.next();
    }
}
