package dev.coflow.benchmarks.stream;

import static dev.coflow.aio.Aio.await;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.reactor.CoReactor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * A coroutine as a {@code Mono}, from subscribe to result: a coroutine on the loop awaits
 * {@value #ROUNDS} times {@code CoReactor.mono(() -> Coroutine.of(() -> 1))} (subscribe starts a task
 * on the same loop, its result completes the Mono, the Mono's value resumes the awaiting coroutine).
 * Baselines from the same run: awaiting a plain task of the same coroutine (no Reactor), and awaiting
 * {@code Mono.just(1)} (no task).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class MonoBenchmarks {

    static final int ROUNDS = 1_000;

    private final EventLoop loop = EventLoop.create();

    @TearDown
    public void stop() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int monoOfCoroutine() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            int sum = 0;
            for (int i = 0; i < ROUNDS; i++) {
                sum += await(CoReactor.mono(() -> Coroutine.of(() -> 1)));
            }
            return sum;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int baselineTaskOfCoroutine() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            int sum = 0;
            for (int i = 0; i < ROUNDS; i++) {
                sum += await(Aio.createTask(Coroutine.of(() -> 1)));
            }
            return sum;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int baselineMonoJust() {
        Mono<Integer> one = Mono.just(1);
        return loop.runUntilComplete(Coroutine.of(() -> {
            int sum = 0;
            for (int i = 0; i < ROUNDS; i++) {
                sum += await(one);
            }
            return sum;
        }));
    }
}
