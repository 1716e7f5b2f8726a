package dev.coflow.benchmarks.stream;

import dev.coflow.gen.Generator;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;

/**
 * The cost per item of streaming {@value #ITEMS} items, a generator as a {@code Flux}
 * ({@code CoReactor.flux}) against the same loop written for Reactor's {@code Flux.generate}, in the
 * same run: with unbounded demand, with {@code request(1)} from {@code onNext}, and with one
 * {@code request(1)} per item from outside the stream (every item then resumes the body once). Each
 * subclass forks a JVM on one suspension engine; every item is the same object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class FluxBenchmarks {

    static final int ITEMS = 1_000;
    static final Object ITEM = new Object();

    /** Python's {@code for _ in range(ITEMS): yield item}, as a Flux. */
    private final Flux<Object> generator = CoReactor.flux(() -> Generator.<Object, Void, Void>of(y -> {
        for (int i = 0; i < ITEMS; i++) {
            y.yield(ITEM);
        }
        return null;
    }));

    /** The same stream with Reactor's synchronous generator: one {@code next} per round. */
    private final Flux<Object> fluxGenerate = Flux.generate(() -> 0, (count, sink) -> {
        if (count < ITEMS) {
            sink.next(ITEM);
        } else {
            sink.complete();
        }
        return count + 1;
    });

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void generatorFluxUnbounded(Blackhole bh) {
        run(generator, new Consumer(bh, Long.MAX_VALUE, false));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void baselineFluxGenerateUnbounded(Blackhole bh) {
        run(fluxGenerate, new Consumer(bh, Long.MAX_VALUE, false));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void generatorFluxRequestOneFromOnNext(Blackhole bh) {
        run(generator, new Consumer(bh, 1, true));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void baselineFluxGenerateRequestOneFromOnNext(Blackhole bh) {
        run(fluxGenerate, new Consumer(bh, 1, true));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void generatorFluxRequestOneEach(Blackhole bh) {
        pullOneByOne(generator, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void baselineFluxGenerateRequestOneEach(Blackhole bh) {
        pullOneByOne(fluxGenerate, bh);
    }

    /**
     * Subscribes and waits for the end: a Coflow stream signals from its own virtual thread. The wait
     * yields the core, as {@code Unbounded.awaitDone} explains.
     */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield is the point: give the core to the carriers
    private static void run(Flux<Object> flux, Consumer c) {
        flux.subscribe(c);
        while (!c.done) {
            Thread.yield();
        }
    }

    /**
     * One {@code request(1)} per item from the benchmark thread, outside any signal, each waiting for
     * its item (or the end) before the next.
     */
    @SuppressWarnings("ThreadPriorityCheck") // as run(): the wait yields the core
    private static void pullOneByOne(Flux<Object> flux, Blackhole bh) {
        Consumer c = new Consumer(bh, 0, false);
        flux.subscribe(c);
        Subscription s = c.subscription;
        for (int asked = 1; !c.done; asked++) {
            s.request(1);
            while (c.received < asked && !c.done) {
                Thread.yield();
            }
        }
    }

    static final class Consumer implements Subscriber<Object> {
        private final Blackhole bh;
        private final long initial;
        private final boolean requestOneFromOnNext;
        @SuppressWarnings("NullAway.Init") // set by onSubscribe, the first signal
        Subscription subscription;
        volatile boolean done;
        volatile int received;

        Consumer(Blackhole bh, long initial, boolean requestOneFromOnNext) {
            this.bh = bh;
            this.initial = initial;
            this.requestOneFromOnNext = requestOneFromOnNext;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        @SuppressWarnings("NonAtomicVolatileUpdate") // onNext calls never overlap (§1.3): one writer at a time
        public void onNext(Object item) {
            bh.consume(item);
            received++;
            if (requestOneFromOnNext) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            done = true;
            bh.consume(t);
        }

        @Override
        public void onComplete() {
            done = true;
        }
    }
}
