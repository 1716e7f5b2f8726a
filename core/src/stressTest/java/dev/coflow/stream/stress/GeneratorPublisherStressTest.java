package dev.coflow.stream.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
import dev.coflow.stream.Publishers;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/** Races on a generator Publisher's subscription: request, cancel and onNext from several threads. */
class GeneratorPublisherStressTest {

    private static final int ROUNDS = 2_000;

    /** One round's world: a subscriber on a fresh generator that counts its starts and finally blocks. */
    private static final class World {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finallies = new AtomicInteger();
        final AtomicReference<Generator<Integer, Void, Void>> generator = new AtomicReference<>();
        final CheckingSubscriber<Integer> subscriber;

        World(int count, CheckingSubscriber<Integer> subscriber) {
            this.subscriber = subscriber;
            Publisher<Integer> p = Publishers.from(() -> {
                generator.set(Generator.of(y -> {
                    started.incrementAndGet();
                    try {
                        for (int i = 0; i < count; i++) {
                            y.yield(i);
                        }
                    } finally {
                        finallies.incrementAndGet();
                    }
                    return null;
                }));
                return generator.get();
            });
            p.subscribe(subscriber);
        }

        void awaitClosed() {
            Race.settle(() -> generator.get().state() == GeneratorState.CLOSED, "the generator closes");
        }

        void assertClosedOnce() {
            awaitClosed();
            assertEquals(GeneratorState.CLOSED, generator.get().state());
            assertEquals(started.get(), finallies.get(), "the finally block ran once if the body started");
        }
    }

    @Test
    void concurrentRequestsDeliverEveryItemOnceAndInOrder() throws Throwable {
        Race.run(ROUNDS,
                () -> new World(40, new CheckingSubscriber<>()),
                w -> {
                    Race.settle(() -> w.subscriber.items().size() >= 40, "40 items");
                    assertEquals(Race.range(40), w.subscriber.items(), "every item exactly once, in order");
                    w.subscriber.request(1);
                    Race.settle(() -> w.subscriber.completions.get() > 0, "the end, once asked for");
                    assertEquals(1, w.subscriber.completions.get());
                    assertEquals(java.util.List.of(), w.subscriber.violations());
                    w.assertClosedOnce();
                },
                w -> {
                    for (int i = 0; i < 20; i++) {
                        w.subscriber.request(1);
                    }
                },
                w -> {
                    for (int i = 0; i < 4; i++) {
                        w.subscriber.request(5);
                    }
                });
    }

    @Test
    void requestsFromOnNextRacingRequestsFromAnotherThread() throws Throwable {
        Race.run(ROUNDS,
                () -> new World(60, new CheckingSubscriber<>((s, item) -> {
                    if (item % 2 == 0) {
                        s.request(1);
                    }
                })),
                w -> {
                    // 31 requested from two threads and 30 from onNext: every item, then the end.
                    Race.settle(() -> w.subscriber.completions.get() > 0, "the end");
                    assertEquals(Race.range(60), w.subscriber.items());
                    assertEquals(1, w.subscriber.completions.get());
                    assertEquals(java.util.List.of(), w.subscriber.violations());
                    w.assertClosedOnce();
                },
                w -> {
                    for (int i = 0; i < 15; i++) {
                        w.subscriber.request(2);
                    }
                },
                w -> w.subscriber.request(1));
    }

    @Test
    void cancelRacingRequestsStopsTheStreamAndClosesTheGenerator() throws Throwable {
        Race.run(ROUNDS,
                () -> new World(Integer.MAX_VALUE, new CheckingSubscriber<>()),
                w -> {
                    w.awaitClosed();
                    var items = w.subscriber.items();
                    assertEquals(Race.range(items.size()), items, "a prefix of the stream, in order");
                    assertEquals(0, w.subscriber.completions.get());
                    assertNull(w.subscriber.error);
                    assertEquals(java.util.List.of(), w.subscriber.violations());
                    w.assertClosedOnce();
                },
                w -> {
                    for (int i = 0; i < 10; i++) {
                        w.subscriber.request(3);
                    }
                },
                w -> {
                    for (int i = 0; i < 10; i++) {
                        w.subscriber.request(1);
                    }
                },
                w -> w.subscriber.cancel());
    }

    @Test
    void cancelFromOnNextRacingRequestsEndsAtThatItem() throws Throwable {
        int[] stopAt = new int[1];
        Race.run(ROUNDS,
                () -> {
                    stopAt[0] = ThreadLocalRandom.current().nextInt(10);
                    int last = stopAt[0];
                    return new World(Integer.MAX_VALUE, new CheckingSubscriber<>((s, item) -> {
                        if (item == last) {
                            s.cancel();
                        }
                    }));
                },
                w -> {
                    w.awaitClosed();
                    assertEquals(Race.range(stopAt[0] + 1), w.subscriber.items(), "no item after the cancelling one");
                    assertEquals(java.util.List.of(), w.subscriber.violations());
                    w.assertClosedOnce();
                },
                w -> {
                    for (int i = 0; i < 6; i++) {
                        w.subscriber.request(1);
                    }
                },
                w -> {
                    for (int i = 0; i < 6; i++) {
                        w.subscriber.request(1);
                    }
                });
    }

    @Test
    void badRequestRacingRequestsEndsWithOneOnError() throws Throwable {
        Race.run(ROUNDS,
                () -> new World(Integer.MAX_VALUE, new CheckingSubscriber<>()),
                w -> {
                    w.awaitClosed();
                    Race.settle(() -> w.subscriber.error != null, "the §3.9 error");
                    assertInstanceOf(IllegalArgumentException.class, w.subscriber.error);
                    assertEquals(0, w.subscriber.completions.get());
                    var items = w.subscriber.items();
                    assertEquals(Race.range(items.size()), items);
                    assertEquals(java.util.List.of(), w.subscriber.violations());
                    w.assertClosedOnce();
                    assertTrue(items.size() <= 20);
                },
                w -> {
                    for (int i = 0; i < 10; i++) {
                        w.subscriber.request(2);
                    }
                },
                w -> w.subscriber.request(-1));
    }
}
