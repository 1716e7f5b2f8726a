package dev.coflow.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A stream whose subscriber always keeps up never runs out of demand, so its body never parks; the JDK
 * does not time-slice virtual threads. Such streams must still let the other virtual threads run (the
 * event loop, other streams' drains), or a few of them hold every carrier thread: under a WebFlux load
 * that stalled other requests for seconds.
 */
@Timeout(60)
class StreamFairnessTest {

    /** Requests everything and takes each item at once, as a fast client does. */
    private static final class KeepsUp implements Subscriber<Integer> {
        final CountDownLatch first = new CountDownLatch(1);
        @SuppressWarnings("NullAway.Init") // set by onSubscribe, the first signal
        volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer item) {
            first.countDown();
        }

        @Override
        public void onError(Throwable t) {
            first.countDown();
        }

        @Override
        public void onComplete() {
            first.countDown();
        }
    }

    @Test
    void streamsThatNeverRunOutOfDemandLeaveTheCarriersToOthersNow() throws InterruptedException {
        // More endless streams than the virtual-thread scheduler has carriers (one per core by default).
        int streams = Runtime.getRuntime().availableProcessors() + 1;
        List<KeepsUp> subscribers = new ArrayList<>();
        CountDownLatch closed = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            KeepsUp subscriber = new KeepsUp();
            Publishers.from(() -> Generator.<Integer, Void, Void>of(y -> {
                try {
                    for (int n = 0; ; n++) {
                        y.yield(n);
                    }
                } finally {
                    closed.countDown();
                }
            })).subscribe(subscriber);
            subscribers.add(subscriber);
        }
        try {
            // Each stream that got a carrier emits on it without end; the others wait for one.
            for (KeepsUp subscriber : subscribers) {
                assertTrue(subscriber.first.await(10, TimeUnit.SECONDS), "every stream got a carrier in turn");
            }
            CountDownLatch ran = new CountDownLatch(1);
            Thread.ofVirtual().start(ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "a virtual thread started meanwhile ran");
        } finally {
            subscribers.forEach(s -> s.subscription.cancel());
        }
        assertTrue(closed.await(10, TimeUnit.SECONDS), "cancelling closed every stream: their finally ran");
    }
}
