package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.PublisherIterator;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code async for} over Rx streams inside coroutines: {@code Aio.iterate(flowable)}, {@code CoRx.iterate(observable)}. */
class CoRxIterateTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void aFlowableIsIteratedWithBoundedPrefetchAndBreakClosesTheGenerator() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Flowable<Integer> naturals = CoRx.flowable(() -> Generator.<Integer, Void, Void>of(y -> {
            try {
                for (int i = 0; ; i++) {
                    produced.incrementAndGet();
                    y.yield(i);
                }
            } finally {
                log.add("generator closed");
                closed.countDown();
            }
        }));
        int sum = loop.runUntilComplete(Coroutine.of(() -> {
            int total = 0;
            try (PublisherIterator<Integer> items = Aio.iterate(naturals)) {
                for (int i : items) {                   // async for i in naturals
                    if (i == 10) {
                        break;                          // close() cancels the Flowable
                    }
                    total += i;
                }
            }
            log.add("after loop");
            return total;
        }));
        assertEquals(45, sum);
        // The cancel closes the generator on the stream's own thread, concurrently with the loop.
        assertTrue(closed.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(java.util.Set.of("generator closed", "after loop"), java.util.Set.copyOf(log));
        assertEquals(PublisherIterator.DEFAULT_PREFETCH, produced.get(),
                "the body ran only as far as the iterator's prefetch, not unbounded");
    }

    @Test
    void anObservableIsIteratedToTheEnd() {
        List<Integer> seen = loop.runUntilComplete(Coroutine.of(() -> {
            List<Integer> items = new ArrayList<>();
            for (int i : CoRx.iterate(Observable.range(0, 100), 100)) {
                items.add(i);
            }
            return items;
        }));
        assertEquals(100, seen.size());
        assertEquals(99, seen.get(99));
    }

    @Test
    void anObservableFasterThanTheCoroutineFailsOnceTheBoundIsExceeded() {
        List<Integer> seen = new ArrayList<>();
        // Observable.range emits everything at subscription, before the coroutine takes anything.
        MissingBackpressureException e = assertThrows(MissingBackpressureException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> {
                    for (int i : CoRx.iterate(Observable.range(0, 10_000), 16)) {
                        seen.add(i);
                    }
                    return null;
                })));
        assertEquals(16, seen.size(), "the buffered items are consumed first, then the overflow is raised");
        assertTrue(e.getMessage().contains("Buffer is full"), e.getMessage());
    }

    @Test
    void aHotObservableWithinTheBoundDeliversEveryItemInOrder() {
        PublishSubject<Integer> subject = PublishSubject.create();
        Task<List<Integer>> consumer = loop.createTask(Coroutine.of(() -> {
            List<Integer> items = new ArrayList<>();
            for (int i : CoRx.iterate(subject)) {
                items.add(i);
                await(sleep(Duration.ofMillis(10)));   // slower than the producer
            }
            return items;
        }));
        loop.callLater(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 50; i++) {
                subject.onNext(i);
            }
            subject.onComplete();
        });
        List<Integer> items = loop.runUntilComplete(consumer);
        assertEquals(50, items.size());
        assertEquals(List.copyOf(items), items.stream().sorted().toList());
    }

    @Test
    void cancellingTheIteratingTaskDisposesTheObservable() {
        Task<Void> task = loop.createTask(Coroutine.of(() -> {
            for (long tick : CoRx.iterate(Observable.interval(1, TimeUnit.SECONDS, CoRx.scheduler(loop))
                    .doOnDispose(() -> log.add("disposed")))) {
                log.add("tick " + tick);
            }
            return null;
        }));
        loop.callLater(Duration.ofMillis(2500), task::cancel);
        loop.runUntilComplete(sleep(Duration.ofSeconds(10)));
        assertTrue(task.cancelled());
        assertEquals(List.of("tick 0", "tick 1", "disposed"), log);
    }

    @Test
    void aBadBoundIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoRx.iterate(Observable.just(1), 0));
        assertEquals("CoRx.iterate(observable, maxBuffered): maxBuffered must be at least 1, was 0", e.getMessage());
    }
}
