package dev.coflow.benchmarks.stream;

import dev.coflow.aio.EventLoop;
import dev.coflow.reactor.CoReactor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Throughput of {@code publishOn}: {@value #ITEMS} items handed from the benchmark thread to an event
 * loop running on its own thread ({@code CoReactor.scheduler(loop)}), against Reactor's
 * {@code Schedulers.single()}, in the same run. No generator is involved, so one engine suffices.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
@State(Scope.Benchmark)
public class PublishOnBenchmark {

    static final int ITEMS = 10_000;

    private final EventLoop loop = EventLoop.create();
    private final Scheduler loopScheduler = CoReactor.scheduler(loop);
    private final Scheduler single = Schedulers.newSingle("benchmark-single");
    private final Flux<Integer> range = Flux.range(0, ITEMS);
    @SuppressWarnings("NullAway.Init") // started in @Setup, before any benchmark method
    private Thread loopThread;

    @Setup
    public void start() {
        loopThread = Thread.ofPlatform().name("benchmark-loop").start(loop::runForever);
    }

    @TearDown
    public void stop() throws InterruptedException {
        single.dispose();
        loopScheduler.dispose();
        loop.stop();
        loopThread.join();
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public @Nullable Integer publishOnEventLoop() {
        return range.publishOn(loopScheduler).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public @Nullable Integer baselinePublishOnSingle() {
        return range.publishOn(single).blockLast();
    }
}
