package dev.coflow.stream;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.PublisherIterator;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class PublisherIteratorTest {

    private final EventLoop loop = EventLoop.createVirtualTime();

    /** 0..count-1, logging how far the body ran and whether its finally ran. */
    private static Publisher<Integer> numbers(int count, AtomicInteger produced, List<String> log) {
        return Publishers.from(() -> Generator.<Integer, Void, Void>of(y -> {
            try {
                for (int i = 0; i < count; i++) {
                    produced.incrementAndGet();
                    y.yield(i);
                }
                return null;
            } finally {
                log.add("finally");
            }
        }));
    }

    /** Records the amounts requested from {@code source}. */
    private static <T> Publisher<T> recordingRequests(Publisher<T> source, List<Long> requests) {
        return s -> source.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription sub) {
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        requests.add(n);
                        sub.request(n);
                    }

                    @Override
                    public void cancel() {
                        requests.add(-1L);
                        sub.cancel();
                    }
                });
            }

            @Override
            public void onNext(T t) {
                s.onNext(t);
            }

            @Override
            public void onError(Throwable t) {
                s.onError(t);
            }

            @Override
            public void onComplete() {
                s.onComplete();
            }
        });
    }

    @Test
    void asyncForOverAGeneratorPublisherWithBoundedPrefetch() {
        AtomicInteger produced = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Long> requests = new CopyOnWriteArrayList<>();
        List<Integer> maxAhead = new ArrayList<>();
        int sum = loop.runUntilComplete(Coroutine.of(() -> {
            int total = 0;
            int consumed = 0;
            int ahead = 0;
            try (PublisherIterator<Integer> it = Aio.iterate(recordingRequests(numbers(100, produced, log), requests))) {
                for (int i : it) {
                    total += i;
                    consumed++;
                    ahead = Math.max(ahead, produced.get() - consumed);
                }
            }
            maxAhead.add(ahead);
            return total;
        }));
        assertEquals(99 * 100 / 2, sum);
        assertEquals(32L, requests.get(0), "the first request is the prefetch");
        assertTrue(requests.stream().skip(1).allMatch(r -> r == 24L), "then replenished by 3/4: " + requests);
        assertTrue(maxAhead.get(0) <= PublisherIterator.DEFAULT_PREFETCH, "never more than the prefetch buffered");
        assertEquals(List.of("finally"), log);
    }

    @Test
    void leavingEarlyCancelsTheUpstream() {
        AtomicInteger produced = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Integer> seen = loop.runUntilComplete(Coroutine.of(() -> {
            List<Integer> got = new ArrayList<>();
            try (PublisherIterator<Integer> it = Aio.iterate(numbers(1_000_000, produced, log))) {
                for (int i : it) {
                    if (i == 3) {
                        break;
                    }
                    got.add(i);
                }
            }
            return got;
        }));
        assertEquals(List.of(0, 1, 2), seen);
        // The cancel closes the generator on the stream's own thread, right after close() returned.
        Eventually.until(() -> !log.isEmpty(), "the generator's finally, after the cancel");
        assertEquals(List.of("finally"), log, "close() cancelled the generator Publisher, which closed it");
        assertTrue(produced.get() <= PublisherIterator.DEFAULT_PREFETCH);
    }

    @Test
    void thePublishersErrorIsThrownAfterTheItemsBeforeIt() {
        IOException boom = new IOException("boom");
        List<Integer> seen = new ArrayList<>();
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
            for (int i : Aio.iterate(Publishers.<Integer>from(() -> Generator.of(y -> {
                y.yield(1);
                y.yield(2);
                throw boom;
            })))) {
                seen.add(i);
            }
            return null;
        })));
        assertSame(boom, thrown);
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    @SuppressWarnings("try") // the producer closes source to complete the stream; the try's close is a no-op then
    void itemsFromOtherThreadsWakeTheCoroutineOnItsLoop() throws Exception {
        try (RunningLoop running = new RunningLoop();
                SubmissionPublisher<Integer> source = new SubmissionPublisher<>(Executors.newFixedThreadPool(2), 4)) {
            java.util.concurrent.CompletableFuture<Integer> sum = running.loop.submit(Coroutine.of(() -> {
                int total = 0;
                try (PublisherIterator<Integer> it = PublisherIterator.over(Publishers.fromFlow(source), 4)) {
                    for (int i : it) {
                        total += i;
                    }
                }
                return total;
            }));
            Thread producer = Thread.ofPlatform().start(() -> {
                while (source.getNumberOfSubscribers() == 0) {
                    Thread.onSpinWait();
                }
                for (int i = 1; i <= 1000; i++) {
                    source.submit(i); // blocks while the iterator's bounded demand is used up
                }
                source.close();
            });
            assertEquals(1000 * 1001 / 2, sum.get());
            producer.join();
        }
    }

    @Test
    void cancellingTheWaitingTaskCancelsTheUpstream() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        Publisher<Integer> never = recordingRequests(s -> s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                log.add("request " + n);
            }

            @Override
            public void cancel() {
                log.add("cancel");
            }
        }), requests);
        Task<Void> task = loop.createTask(Coroutine.of(() -> {
            for (int ignored : Aio.iterate(never)) {
                log.add("item");
            }
            return null;
        }));
        loop.runUntilComplete(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            task.cancel();
            return null;
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("request 32", "cancel"), log);
    }

    @Test
    void itIsAnAsyncIteratorForAsyncForAndAnext() {
        List<Integer> seen = loop.runUntilComplete(Coroutine.of(() -> {
            List<Integer> got = new ArrayList<>();
            PublisherIterator<Integer> it = Aio.iterate(numbers(5, new AtomicInteger(), new ArrayList<>()));
            got.add(await(it.anext()));
            Aio.forEach(it, got::add);
            assertThrows(dev.coflow.aio.StopAsyncIteration.class, () -> await(it.anext()));
            return got;
        }));
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }

    @Test
    void aOneItemGeneratorPublisherIsAwaitableAndASecondItemIsAnError() {
        List<String> log = new CopyOnWriteArrayList<>();
        String one = loop.runUntilComplete(Coroutine.of(() -> await(Publishers.<String>from(() -> Generator.of(y -> {
            y.yield("only");
            return null;
        })))));
        assertEquals("only", one);
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> await(numbers(10, new AtomicInteger(), log)))));
        assertTrue(two.getMessage().contains("more than one"), two.getMessage());
        assertEquals(List.of("finally"), log, "the generator was cancelled, hence closed");
    }

    @Test
    void iterateOutsideACoroutineSaysWhere() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Aio.iterate(numbers(1, new AtomicInteger(), new ArrayList<>())));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }
}
