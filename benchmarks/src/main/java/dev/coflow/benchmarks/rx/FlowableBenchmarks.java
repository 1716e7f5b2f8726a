package dev.coflow.benchmarks.rx;

import dev.coflow.benchmarks.gen.Unbounded;
import dev.coflow.gen.Generator;
import dev.coflow.rxjava.CoRx;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost per item of streaming {@value #ITEMS} items to a subscriber that requests them all at once
 * (unbounded demand): a generator as a {@code Flowable} ({@code CoRx.flowable}) against the baseline
 * of the same loop written for RxJava's {@code Flowable.generate}, in the same run. Each subclass forks
 * a JVM on one suspension engine. Every item is the same object, so only the stream is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class FlowableBenchmarks {

    static final int ITEMS = 1_000;
    static final Object ITEM = new Object();

    /** Python's {@code for _ in range(ITEMS): yield item}, as a Flowable. */
    private final Flowable<Object> generator = CoRx.flowable(() -> Generator.<Object, Void, Void>of(y -> {
        for (int i = 0; i < ITEMS; i++) {
            y.yield(ITEM);
        }
        return null;
    }));

    /** The same stream with RxJava's synchronous generator: one {@code onNext} per call. */
    private final Flowable<Object> rxGenerate = Flowable.generate(() -> new int[1], (count, emitter) -> {
        if (count[0]++ < ITEMS) {
            emitter.onNext(ITEM);
        } else {
            emitter.onComplete();
        }
    });

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void coRxFlowableFromGenerator(Blackhole bh) {
        Unbounded u = new Unbounded(bh);
        generator.subscribe(u);
        u.awaitDone();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void baselineFlowableGenerate(Blackhole bh) {
        Unbounded u = new Unbounded(bh);
        rxGenerate.subscribe(u);
        u.awaitDone();
    }
}
