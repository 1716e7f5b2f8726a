package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code CoRx.flowable} over async generators (PEP 525), driven by a virtual-time loop. */
class CoRxAsyncFlowableTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();
    private final AtomicInteger produced = new AtomicInteger();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void runFor(Duration delay) {
        loop.runUntilComplete(sleep(delay));
    }

    /** One tick a second, forever; logs how it ends. */
    private Flowable<Integer> ticks() {
        return CoRx.flowable(loop, () -> AsyncGenerator.<Integer>of(y -> {
            try {
                for (int i = 0; ; i++) {
                    await(sleep(Duration.ofSeconds(1)));
                    produced.incrementAndGet();
                    y.yield(i);
                }
            } catch (CancelledError e) {
                log.add("cancelled @" + loop.time());
                throw e;
            } finally {
                log.add("finally");
            }
        }));
    }

    @Test
    void backpressureRunsTheBodyExactlyAsFarAsRequested() {
        TestSubscriber<Integer> ts = ticks().test(0);
        runFor(Duration.ofSeconds(10));
        assertEquals(0, produced.get(), "nothing runs before a request");
        ts.request(3);
        runFor(Duration.ofSeconds(10));
        ts.assertValues(0, 1, 2);
        assertEquals(3, produced.get(), "request(3): exactly three yields, however long the loop runs");
    }

    @Test
    void cancelRaisesCancelledErrorAtTheAwaitAndFinallyRuns() {
        TestSubscriber<Integer> ts = ticks().test(0);
        ts.request(1);
        runFor(Duration.ofMillis(1500));
        ts.assertValues(0);
        ts.request(5);
        runFor(Duration.ofMillis(200)); // the body now awaits its next sleep
        ts.cancel();
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of("cancelled @1.7", "finally"), log);
        ts.assertValues(0).assertNotComplete();
    }

    @Test
    void takeClosesTheGeneratorAndTimeFollowsTheLoop() {
        List<Double> times = new ArrayList<>();
        TestSubscriber<Integer> ts = ticks().doOnNext(i -> times.add(loop.time())).take(3).test();
        runFor(Duration.ofSeconds(10));
        ts.assertResult(0, 1, 2);
        assertEquals(List.of(1.0, 2.0, 3.0), times);
        assertEquals("finally", log.get(log.size() - 1));
    }

    @Test
    void anExceptionOfTheBodyIsOnErrorWithTheSameInstance() {
        IOException boom = new IOException("boom");
        TestSubscriber<Integer> ts = CoRx.flowable(loop, () -> AsyncGenerator.<Integer>of(y -> {
            y.yield(1);
            await(sleep(Duration.ofSeconds(1)));
            throw boom;
        })).test();
        runFor(Duration.ofSeconds(2));
        ts.assertValues(1).assertError(e -> e == boom);
    }

    @Test
    void anAsyncGeneratorObjectRunsOnTheSubscribersLoop() {
        AsyncGenerator<String> words = AsyncGenerator.of(y -> {
            for (String w : List.of("a", "b", "c")) {
                await(sleep(Duration.ofSeconds(1)));
                y.yield(w);
            }
        });
        List<String> all = loop.runUntilComplete(Coroutine.of(() -> CoRx.await(CoRx.flowable(words).toList())));
        assertEquals(List.of("a", "b", "c"), all);
        assertEquals(3.0, loop.time());
    }
}
