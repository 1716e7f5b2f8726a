package dev.coflow.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorExit;
import dev.coflow.gen.GeneratorState;
import dev.coflow.internal.stream.Undeliverable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class PublishersTest {


    /** A generator of 0, 1, 2, ... (up to {@code count}) that logs each step, its end and its finally. */
    private static Generator<Integer, Void, String> counting(int count, List<String> log) {
        return Generator.of(y -> {
            try {
                for (int i = 0; i < count; i++) {
                    log.add("yield " + i);
                    y.yield(i);
                }
                log.add("return");
                return "done";
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void requestRunsTheBodyExactlyAsFarAsTheDemand() {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<Generator<Integer, Void, String>> made = new AtomicReference<>();
        Publisher<Integer> p = Publishers.from(() -> {
            made.set(counting(10, log));
            return made.get();
        });
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        p.subscribe(s);
        assertEquals(List.of(), log, "subscribing runs nothing: the generator is lazy");
        assertEquals(GeneratorState.CREATED, made.get().state());

        s.request(3);
        assertEquals(List.of(0, 1, 2), s.items());
        assertEquals(List.of("yield 0", "yield 1", "yield 2"), log);
        assertEquals(GeneratorState.SUSPENDED, made.get().state());

        s.request(1);
        assertEquals(List.of(0, 1, 2, 3), s.items());
        assertEquals(4, log.size());
        assertFalse(s.completed);
    }

    @Test
    void endOfTheBodyIsOnCompleteAndItsFinallyHasRun() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        Publishers.from(() -> counting(3, log)).subscribe(s);
        assertTrue(s.awaitTerminal());
        assertTrue(s.completed);
        assertEquals(List.of(0, 1, 2), s.items());
        assertEquals(List.of("yield 0", "yield 1", "yield 2", "return", "finally"), log);
    }

    @Test
    void theEndIsFoundOnlyWhenMoreIsRequested() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(2);
        Publishers.from(() -> counting(2, log)).subscribe(s);
        assertEquals(List.of(0, 1), s.items());
        assertFalse(s.completed, "like next(), the end shows only when asked for another item");
        s.request(1);
        assertTrue(s.completed);
        assertEquals(List.of(0, 1), s.items());
    }

    @Test
    void anExceptionInTheBodyIsOnErrorWithTheSameInstance() {
        IOException boom = new IOException("disk on fire");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(10);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            y.yield(1);
            throw boom;
        })).subscribe(s);
        assertEquals(List.of(1), s.items());
        assertSame(boom, s.error);
    }

    @Test
    void aYieldedNullIsOnErrorSayingWhereAndWhy() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(10);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            try {
                y.yield(1);
                y.yield(null);
                log.add("ran past the null");
                return null;
            } finally {
                log.add("finally");
            }
        })).subscribe(s);
        assertEquals(List.of(1), s.items());
        NullPointerException npe = assertInstanceOf(NullPointerException.class, s.error);
        assertTrue(npe.getMessage().contains("yielded null"), npe.getMessage());
        assertTrue(npe.getMessage().contains("§2.13"), npe.getMessage());
        assertTrue(npe.getMessage().contains(PublishersTest.class.getName() + ".lambda$"),
                "names the body's frame that yielded null: " + npe.getMessage());
        assertEquals(List.of("finally"), log, "the generator is closed before onError");
    }

    @Test
    void aNullFromAnIterablePassedToYieldAllIsNamedAsSuch() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(10);
        Publishers.<String>from(() -> Generator.of(y -> {
            y.yieldAll(java.util.Arrays.asList("a", null));
            return null;
        })).subscribe(s);
        assertEquals(List.of("a"), s.items());
        assertTrue(s.error.getMessage().contains("yieldAll"), s.error.getMessage());
    }

    @Test
    void cancelClosesTheGeneratorSoItsFinallyRuns() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(2);
        Publishers.from(() -> counting(10, log)).subscribe(s);
        s.cancel();
        assertEquals(List.of("yield 0", "yield 1", "finally"), log);
        s.request(5);
        s.cancel();
        assertEquals(List.of(0, 1), s.items(), "request and cancel after cancel are no-ops (§3.6, §3.7)");
        assertFalse(s.completed);
        assertNull(s.error);
    }

    @Test
    void cancelFromOnNextClosesAfterTheCurrentItem() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(4, (sub, item) -> {
            if (item == 2) {
                sub.cancel();
            }
        });
        Publishers.from(() -> counting(10, log)).subscribe(s);
        assertEquals(List.of(0, 1, 2), s.items(), "no signal after cancel");
        assertEquals("finally", log.get(log.size() - 1));
        // Within demand the body may run ahead by the rest of its batch, on both engines.
        List<String> yields = log.subList(0, log.size() - 1);
        assertEquals(List.of("yield 0", "yield 1", "yield 2", "yield 3"), yields);
        assertFalse(s.completed);
        assertNull(s.error);
    }

    @Test
    void cancelBeforeTheFirstRequestNeverStartsTheBody() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        Publishers.from(() -> counting(10, log)).subscribe(s);
        s.cancel();
        s.request(1);
        assertEquals(List.of(), log, "a generator closed before it started runs nothing, as in Python");
        assertEquals(List.of(), s.items());
    }

    @Test
    void aFinallyThatYieldsOnCancelIsReportedNotDropped() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Consumer<Throwable> previous = Undeliverable.setHook(dropped::add);
        try {
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            Publishers.<Integer>from(() -> Generator.of(y -> {
                try {
                    y.yield(1);
                } finally {
                    y.yield(2);
                }
                return null;
            })).subscribe(s);
            s.cancel();
            assertEquals(1, dropped.size());
            assertEquals("generator ignored GeneratorExit", dropped.get(0).getMessage());
            assertNull(s.error, "no signal after cancel");
        } finally {
            Undeliverable.setHook(previous);
        }
    }

    @Test
    void theBodySeesGeneratorExitOnCancel() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            }
            return null;
        })).subscribe(s);
        s.cancel();
        assertInstanceOf(GeneratorExit.class, seen.get());
    }

    @Test
    void requestOfZeroOrLessIsOnErrorIllegalArgument() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            List<String> log = new CopyOnWriteArrayList<>();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            Publishers.from(() -> counting(10, log)).subscribe(s);
            s.request(bad);
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, s.error);
            assertTrue(e.getMessage().contains("3.9"), e.getMessage());
            assertEquals(List.of("yield 0", "finally"), log, "the generator is closed");
            s.request(1);
            assertEquals(0, s.signalsAfterTerminal);
        }
    }

    @Test
    void aBadRequestFromOnNextStopsAfterTheCurrentItem() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE, (sub, item) -> {
            if (item == 1) {
                sub.request(-3);
            }
        });
        Publishers.from(() -> counting(10, new ArrayList<>())).subscribe(s);
        assertEquals(List.of(0, 1), s.items());
        assertInstanceOf(IllegalArgumentException.class, s.error);
    }

    @Test
    void requestFromOnNextRunsInTheSameLoopWithoutGrowingTheStack() {
        int n = 5_000;
        int[] depth = new int[n];
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1, (sub, item) -> {
            if (item == 1 || item == n - 1) {
                depth[item] = StackWalker.getInstance().walk(frames -> (int) frames.count());
            }
            sub.request(1);
        });
        Publishers.<Integer>from(() -> Generator.of(y -> {
            for (int i = 0; i < n; i++) {
                y.yield(i);
            }
            return null;
        })).subscribe(s);
        assertTrue(s.completed);
        assertEquals(n, s.items().size());
        assertEquals(depth[1], depth[n - 1], "§3.3: the stack is as deep at the last item as at the second");
    }

    @Test
    void demandAddsUpToUnboundedWithoutOverflow() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE - 1);
        Publishers.from(() -> counting(5, new ArrayList<>())).subscribe(s);
        s.request(Long.MAX_VALUE);
        s.request(2);
        assertTrue(s.completed);
        assertNull(s.error);
        assertEquals(List.of(0, 1, 2, 3, 4), s.items());

        RecordingSubscriber<Integer> partial = new RecordingSubscriber<>(0, (sub, item) -> {
            if (item == 1) {
                sub.request(Long.MAX_VALUE - 1); // adds up past Long.MAX_VALUE: unbounded (§3.17)
            } else if (item == 1000) {
                sub.cancel();
            }
        });
        Publishers.<Integer>from(() -> Generator.of(y -> {
            for (int i = 0; ; i++) {
                y.yield(i);
            }
        })).subscribe(partial);
        partial.request(2);
        assertEquals(1001, partial.items().size());
        assertNull(partial.error);
    }

    @Test
    void eachSubscriberGetsItsOwnGenerator() {
        AtomicInteger made = new AtomicInteger();
        Publisher<Integer> p = Publishers.from(() -> {
            made.incrementAndGet();
            return counting(3, new ArrayList<>());
        });
        RecordingSubscriber<Integer> a = new RecordingSubscriber<>(2);
        RecordingSubscriber<Integer> b = new RecordingSubscriber<>(10);
        p.subscribe(a);
        p.subscribe(b);
        assertEquals(2, made.get());
        assertEquals(List.of(0, 1), a.items());
        assertEquals(List.of(0, 1, 2), b.items());
        assertTrue(b.completed);
    }

    @Test
    void aSupplierThatFailsOrReturnsNullIsOnErrorAfterOnSubscribe() {
        IllegalStateException boom = new IllegalStateException("no generator today");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        Publishers.<Integer>from(() -> {
            throw boom;
        }).subscribe(s);
        assertTrue(s.subscription != null);
        assertSame(boom, s.error);

        RecordingSubscriber<Integer> n = new RecordingSubscriber<>(0);
        Publishers.<Integer>from(() -> null).subscribe(n);
        assertInstanceOf(NullPointerException.class, n.error);
        assertTrue(n.error.getMessage().contains("supplier returned null"));
        assertThrows(NullPointerException.class, () -> Publishers.from(() -> counting(1, new ArrayList<>())).subscribe(null));
    }

    @Test
    void aSubscriberThatThrowsFromOnNextGetsOnErrorAndTheGeneratorIsClosed() {
        List<String> log = new CopyOnWriteArrayList<>();
        IllegalStateException bug = new IllegalStateException("subscriber bug");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(10, (sub, item) -> {
            if (item == 1) {
                throw bug;
            }
        });
        Publishers.from(() -> counting(10, log)).subscribe(s);
        assertSame(bug, s.error);
        assertEquals(List.of("yield 0", "yield 1", "yield 2", "yield 3", "yield 4", "yield 5", "yield 6", "yield 7",
                        "yield 8", "yield 9", "finally"), log,
                "the body never sees the subscriber's exception; it is closed (after its batch, if any)");
    }

    @Test
    void yieldFromAndYieldAllInsideTheBodyStreamWithBackpressure() {
        AtomicInteger produced = new AtomicInteger();
        Generator<Integer, Object, String> sub = Generator.of(y -> {
            for (int i = 10; i < 15; i++) {
                produced.incrementAndGet();
                y.yield(i);
            }
            return "sub done";
        });
        List<Object> returned = new ArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            y.yield(1);
            returned.add(y.yieldFrom(sub));
            y.yieldAll(List.of(20, 21));
            return null;
        })).subscribe(s);
        s.request(3);
        assertEquals(List.of(1, 10, 11), s.items());
        assertEquals(2, produced.get(), "the subgenerator runs only as far as the demand too");
        s.request(Long.MAX_VALUE);
        assertEquals(List.of(1, 10, 11, 12, 13, 14, 20, 21), s.items());
        assertEquals(List.of("sub done"), returned);
        assertTrue(s.completed);
    }

    @Test
    void cancelInsideYieldFromClosesTheSubgeneratorFirst() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(2);
        Publishers.<Integer>from(() -> Generator.<Integer, Void, Void>of(y -> {
            try {
                y.yieldFrom(counting(10, log));
                return null;
            } finally {
                log.add("outer finally");
            }
        })).subscribe(s);
        s.cancel();
        assertEquals(List.of("yield 0", "yield 1", "finally", "outer finally"), log);
    }

    @Test
    void requestFromAnotherThreadRunsTheBodyThereInOrder() throws Exception {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            for (int i = 0; i < 1000; i++) {
                y.yield(i);
            }
            return null;
        })).subscribe(s);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    s.request(3);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(s.awaitTerminal());
        assertEquals(IntStream.range(0, 1000).boxed().toList(), s.items());
    }

    @Test
    void signalsComeFromTheRequestingThreadSoItsLocksAreHeld() {
        Object lock = new Object();
        List<Thread> onNextThreads = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0, (sub, item) -> {
            synchronized (lock) { // a body on another thread would deadlock here
                onNextThreads.add(Thread.currentThread());
            }
        });
        Publishers.from(() -> counting(5, new ArrayList<>())).subscribe(s);
        synchronized (lock) {
            s.request(10);
        }
        assertTrue(s.completed);
        assertEquals(List.of(Thread.currentThread()), onNextThreads.stream().distinct().toList());
    }

    @Test
    void flowViewsRoundTripWithoutStackingAdapters() {
        Publisher<Integer> p = Publishers.from(() -> counting(3, new ArrayList<>()));
        Flow.Publisher<Integer> flow = Publishers.toFlow(p);
        assertSame(p, Publishers.fromFlow(flow));
        List<Integer> got = new ArrayList<>();
        flow.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                got.add(-1);
            }

            @Override
            public void onComplete() {
                got.add(99);
            }
        });
        assertEquals(List.of(0, 1, 2, 99), got);
    }
}
