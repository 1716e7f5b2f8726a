package dev.coflow.benchmarks.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event loop's hot paths, per task or per callback. Each subclass forks a JVM on one suspension
 * engine.
 *
 * <ul>
 *   <li>{@link #gatherSleep0()}: Python's {@code await gather(*[one() for _ in range(100_000)])} where
 *       {@code one} awaits {@code sleep(0)}: a coroutine created, wrapped in a task, suspended once,
 *       resumed, finished and collected by gather; time per task.
 *   <li>{@link #callSoon()}: {@code loop.call_soon(cb)} then running the callbacks; time per callback.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public abstract class AioBenchmarks {

    /** Tasks gathered per invocation, as in the target ("100,000 coroutines"). */
    static final int TASKS = 100_000;
    /** Callbacks per invocation of {@link #callSoon()}. */
    static final int CALLBACKS = 10_000;

    private EventLoop loop = EventLoop.create();
    private int counter;
    @SuppressWarnings("UnnecessaryLambda") // one instance for every callSoon; this::method would allocate each time
    private final Runnable increment = () -> counter++;

    @Setup(Level.Trial)
    public void openLoop() {
        loop = EventLoop.create();
    }

    @TearDown(Level.Trial)
    public void closeLoop() {
        loop.close();
    }

    /** 100,000 coroutines that each {@code await(sleep(0))}, gathered: time per task. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Object gatherSleep0() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            List<Coroutine<Object>> coros = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                coros.add(Coroutine.of(() -> await(sleep(Duration.ZERO))));
            }
            return await(gather(coros));
        }));
    }

    /** {@code callSoon} of a small callback, and running it: time per callback (1e3/ns = M/s). */
    @Benchmark
    @OperationsPerInvocation(CALLBACKS)
    public int callSoon() {
        for (int i = 0; i < CALLBACKS; i++) {
            loop.callSoon(increment);
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        return counter;
    }
}
