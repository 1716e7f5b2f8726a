package dev.coflow.benchmarks.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed's "one loop per core": the same total work (tasks that each await {@code sleep(0)} a few
 * times) split evenly over an {@link EventLoopGroup} of 1 or 2 loops; time per task. With two idle cores
 * the 2-loop figure approaches half the 1-loop one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
@State(Scope.Benchmark)
public class EventLoopGroupBenchmark {

    static final int TASKS = 40_000;
    static final int SWITCHES = 4;

    @Param({"1", "2"})
    public int loops;

    private EventLoopGroup group = EventLoopGroup.create(1);

    @Setup(Level.Trial)
    public void start() {
        group.close();
        group = EventLoopGroup.create(loops);
    }

    @TearDown(Level.Trial)
    public void stop() {
        group.close();
    }

    /** {@value #TASKS} tasks in all, each switching {@value #SWITCHES} times, spread over the loops. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Object splitOverLoops() {
        List<CompletableFuture<List<Object>>> parts = new ArrayList<>(loops);
        for (int l = 0; l < loops; l++) {
            parts.add(group.submit(Coroutine.of(() -> {
                List<Coroutine<Object>> coros = new ArrayList<>(TASKS / loops);
                for (int i = 0; i < TASKS / loops; i++) {
                    coros.add(Coroutine.of(() -> {
                        for (int k = 0; k < SWITCHES; k++) {
                            await(sleep(Duration.ZERO));
                        }
                        return null;
                    }));
                }
                return await(gather(coros));
            })));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
    }
}
