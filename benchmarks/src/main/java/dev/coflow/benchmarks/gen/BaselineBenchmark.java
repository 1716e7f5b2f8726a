package dev.coflow.benchmarks.gen;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;

/**
 * The baselines for {@link GeneratorBenchmarks}, per item: a plain {@link Iterator}, Reactor's
 * {@code Flux.generate} and RxJava's {@code Flowable.generate}, each consumed by a subscriber that
 * requests everything up front.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BaselineBenchmark {

    /** Items per subscription in the reactive baselines; results are per item. */
    static final int BATCH = 1024;

    private final Iterator<Object> iterator = new Iterator<>() {
        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Object next() {
            return GeneratorBenchmarks.ITEM;
        }
    };

    private final Flux<Object> flux = Flux.generate(() -> 0, (n, sink) -> {
        sink.next(GeneratorBenchmarks.ITEM);
        if (n == BATCH - 1) {
            sink.complete();
        }
        return n + 1;
    });

    private final Flowable<Object> flowable = Flowable.generate(() -> 0, (n, emitter) -> {
        emitter.onNext(GeneratorBenchmarks.ITEM);
        if (n == BATCH - 1) {
            emitter.onComplete();
        }
        return n + 1;
    });

    /** One {@code hasNext()} + {@code next()} of a plain iterator. */
    @Benchmark
    @SuppressWarnings("ReturnValueIgnored") // the call is what is measured; the iterator never ends
    public Object iteratorNext() {
        iterator.hasNext();
        return iterator.next();
    }

    /** One item of {@code Flux.generate}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fluxGenerate(Blackhole bh) {
        flux.subscribe(new Unbounded(bh));
    }

    /** One item of {@code Flowable.generate}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void flowableGenerate(Blackhole bh) {
        flowable.subscribe((FlowableSubscriber<Object>) new Unbounded(bh));
    }

}
