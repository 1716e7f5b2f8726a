package dev.coflow.benchmarks.gen;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import org.openjdk.jmh.infra.Blackhole;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The benchmarks' consumer: requests everything at subscription and sinks every signal in the blackhole,
 * as both a Reactor and an RxJava subscriber so that every baseline takes the same consumer.
 */
public final class Unbounded implements CoreSubscriber<Object>, FlowableSubscriber<Object> {
    private final Blackhole bh;
    private volatile boolean done;

    public Unbounded(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Object item) {
        bh.consume(item);
    }

    @Override
    public void onError(Throwable t) {
        bh.consume(t);
        done = true;
    }

    @Override
    public void onComplete() {
        bh.consume(this);
        done = true;
    }

    /**
     * Waits for the end: a Coflow stream signals from its own virtual thread, so the benchmark thread
     * waits for the last signal instead of returning before the work is done. It yields its core rather
     * than spin: on a 2-core machine a spinning waiter takes one of the two cores that the stream's
     * carrier threads need, and the figure then measures that contention (about 176 ns/item instead of
     * 68 for a 1,000-item stream here), not the stream.
     */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield is the point: give the core to the carriers
    public void awaitDone() {
        while (!done) {
            Thread.yield();
        }
    }
}
