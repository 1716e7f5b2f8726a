package dev.coflow.rxjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoRxFlowableTest {

    /** 0, 1, 2, ... forever; counts what the body produced and whether its finally ran. */
    private static final class Naturals {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicInteger finallies = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        Flowable<Integer> flowable() {
            return CoRx.flowable(() -> Generator.<Integer, Void, Void>of(y -> {
                try {
                    for (int i = 0; ; i++) {
                        produced.incrementAndGet();
                        y.yield(i);
                    }
                } finally {
                    finallies.incrementAndGet();
                    closed.countDown();
                }
            }));
        }
    }

    private static Flowable<Integer> range(int from, int to) {
        return CoRx.flowable(() -> Generator.<Integer, Void, Void>of(y -> {
            for (int i = from; i < to; i++) {
                y.yield(i);
            }
            return null;
        }));
    }

    @Test
    void backpressureRunsTheBodyExactlyAsFarAsRequested() {
        Naturals n = new Naturals();
        TestSubscriber<Integer> ts = n.flowable().test(0);
        assertEquals(0, n.produced.get(), "nothing runs before a request");
        ts.assertNoValues();

        ts.request(3);
        ts.awaitCount(3).assertValues(0, 1, 2);
        assertEquals(3, n.produced.get(), "request(3) ran the body to its third yield, no further");

        ts.request(2);
        ts.awaitCount(5).assertValues(0, 1, 2, 3, 4);
        assertEquals(5, n.produced.get());
        ts.assertNotComplete();
    }

    @Test
    void cancelClosesTheGeneratorSoItsFinallyRuns() throws InterruptedException {
        Naturals n = new Naturals();
        TestSubscriber<Integer> ts = n.flowable().test(0);
        ts.request(2);
        ts.awaitCount(2);
        ts.cancel();
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "the stream's thread closes the generator");
        assertEquals(1, n.finallies.get());
        assertEquals(2, n.produced.get());
        ts.assertValues(0, 1).assertNotComplete().assertNoErrors();
    }

    @Test
    void takeCancelsUpstreamAndClosesTheGenerator() throws InterruptedException {
        Naturals n = new Naturals();
        range(0, 0).test().awaitDone(10, TimeUnit.SECONDS).assertResult();
        n.flowable().take(4).test().awaitDone(10, TimeUnit.SECONDS).assertResult(0, 1, 2, 3);
        assertTrue(n.closed.await(10, TimeUnit.SECONDS));
        assertEquals(1, n.finallies.get());
        assertEquals(4, n.produced.get(), "take(4) asks for 4 (limit), and the body made no more");
    }

    @Test
    void unboundedRequestStreamsEverythingThenCompletes() {
        TestSubscriber<Integer> ts = range(0, 1000).test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1000).assertComplete().assertNoErrors();
        assertEquals(999, ts.values().get(999));
    }

    @Test
    void eachSubscriberGetsItsOwnGenerator() {
        Flowable<Integer> f = range(0, 3);
        f.test().awaitDone(10, TimeUnit.SECONDS).assertResult(0, 1, 2);
        f.test().awaitDone(10, TimeUnit.SECONDS).assertResult(0, 1, 2);
        Flowable.zip(f, f.skip(1), Integer::sum).test().awaitDone(10, TimeUnit.SECONDS).assertResult(1, 3);
    }

    @Test
    void anExceptionOfTheBodyIsOnErrorWithTheSameInstance() {
        IOException boom = new IOException("disk on fire");
        TestSubscriber<Integer> ts = CoRx.flowable(() -> Generator.<Integer, Void, Void>of(y -> {
            y.yield(1);
            throw boom;
        })).test();
        // a checked exception of the body reaches onError unwrapped
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(1).assertError(e -> e == boom);
    }

    @Test
    void aYieldedNullIsAClearError() {
        TestSubscriber<Object> ts = CoRx.flowable(() -> Generator.<Object, Void, Void>of(y -> {
            y.yield(null);
            return null;
        })).test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertError(e -> e instanceof NullPointerException && e.getMessage().contains("yielded null"));
    }

    @Test
    void aFailingSupplierIsOnError() {
        IllegalStateException bad = new IllegalStateException("no generator today");
        TestSubscriber<Integer> ts = CoRx.<Integer>flowable(() -> {
            throw bad;
        }).test();
        ts.assertError(e -> e == bad);
    }

    @Test
    void worksWithRxOperatorsAcrossThreads() throws InterruptedException {
        Naturals n = new Naturals();
        TestSubscriber<Integer> ts = n.flowable()
                .subscribeOn(Schedulers.computation())
                .map(i -> i * i)
                .filter(i -> i % 2 == 0)
                .observeOn(Schedulers.single())
                .take(3)
                .test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertResult(0, 4, 16);
        // The generator closes on the thread that ran the stream, maybe after the subscriber finished.
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "the generator was closed");
        assertEquals(1, n.finallies.get());
    }
}
