package dev.coflow.benchmarks.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.forEach;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncLock;
import dev.coflow.aio.AsyncQueue;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * The cost per item of async iteration and of the asyncio primitives, each run as one coroutine on an
 * event loop over {@value #ITEMS} items (the task and loop start-up are spread over them):
 * {@link #generatorBaseline()} iterates a plain generator inside the coroutine, {@link #agenForEach()} an
 * async generator with {@code Aio.forEach}, {@link #agenAnext()} the same with one awaited
 * {@code anext()} coroutine per item; {@link #queuePingPong()} hands items from a producer task to a
 * consumer task through a queue of size 1 (two task switches per item), {@link #lockUncontended()} takes
 * and releases a free lock. Each subclass forks a JVM on one suspension engine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class AsyncPrimitivesBenchmarks {

    static final int ITEMS = 1000;
    static final Object ITEM = new Object();

    private EventLoop loop = EventLoop.create();

    @Setup
    public void open() {
        loop = EventLoop.create();
    }

    @TearDown
    public void close() {
        loop.close();
    }

    static AsyncGenerator<Object> items() {
        return AsyncGenerator.of(y -> {
            for (int i = 0; i < ITEMS; i++) {
                y.yield(ITEM);
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int generatorBaseline() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            Generator<Object, Void, Void> g = Generator.of(y -> {
                for (int i = 0; i < ITEMS; i++) {
                    y.yield(ITEM);
                }
                return null;
            });
            int n = 0;
            for (Object o : g) {
                n += o == ITEM ? 1 : 0;
            }
            return n;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int agenForEach() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            int[] n = {0};
            forEach(items(), o -> n[0] += o == ITEM ? 1 : 0);
            return n[0];
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int agenAnext() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            AsyncGenerator<Object> g = items();
            int n = 0;
            for (int i = 0; i < ITEMS; i++) {
                n += await(g.anext()) == ITEM ? 1 : 0;
            }
            return n;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int queuePingPong() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            AsyncQueue<Object> q = new AsyncQueue<>(1);
            Task<Void> producer = createTask(Coroutine.of(() -> {
                for (int i = 0; i < ITEMS; i++) {
                    await(q.put(ITEM));
                }
                return null;
            }));
            int n = 0;
            for (int i = 0; i < ITEMS; i++) {
                n += await(q.get()) == ITEM ? 1 : 0;
            }
            await(producer);
            return n;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int lockUncontended() {
        return loop.runUntilComplete(Coroutine.of(() -> {
            AsyncLock lock = new AsyncLock();
            int n = 0;
            for (int i = 0; i < ITEMS; i++) {
                n += lock.run(() -> 1);
            }
            return n;
        }));
    }
}
