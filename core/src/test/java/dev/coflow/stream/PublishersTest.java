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
import java.util.concurrent.CountDownLatch;
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
        Eventually.until(() -> made.get().state() == GeneratorState.SUSPENDED && s.items().size() == 3,
                "three items, then the body suspends");
        assertEquals(List.of(0, 1, 2), s.items());
        assertEquals(List.of("yield 0", "yield 1", "yield 2"), log);

        s.request(1);
        Eventually.until(() -> s.items().size() == 4, "a fourth item");
        Eventually.until(() -> made.get().state() == GeneratorState.SUSPENDED, "the body suspends again");
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
        Eventually.until(() -> log.size() == 2 && s.items().size() == 2, "two items");
        assertFalse(s.completed, "like next(), the end shows only when asked for another item");
        assertEquals(List.of("yield 0", "yield 1"), log);
        s.request(1);
        Eventually.until(() -> s.completed, "completion once more is asked for");
        assertEquals(List.of(0, 1), s.items());
    }

    @Test
    void anExceptionInTheBodyIsOnErrorWithTheSameInstance() throws InterruptedException {
        IOException boom = new IOException("disk on fire");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(10);
        Publishers.<Integer>from(() -> Generator.of(y -> {
            y.yield(1);
            throw boom;
        })).subscribe(s);
        assertTrue(s.awaitTerminal());
        assertEquals(List.of(1), s.items());
        assertSame(boom, s.error);
    }

    @Test
    void aYieldedNullIsOnErrorSayingWhereAndWhy() throws InterruptedException {
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
        assertTrue(s.awaitTerminal());
        assertEquals(List.of(1), s.items());
        NullPointerException npe = assertInstanceOf(NullPointerException.class, s.error);
        assertTrue(npe.getMessage().contains("yielded null"), npe.getMessage());
        assertTrue(npe.getMessage().contains("§2.13"), npe.getMessage());
        assertTrue(npe.getMessage().contains(PublishersTest.class.getName() + ".lambda$"),
                "names the body's frame that yielded null: " + npe.getMessage());
        assertEquals(List.of("finally"), log, "the generator is closed before onError");
    }

    @Test
    void aNullFromAnIterablePassedToYieldAllIsNamedAsSuch() throws InterruptedException {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(10);
        Publishers.<String>from(() -> Generator.of(y -> {
            y.yieldAll(java.util.Arrays.asList("a", null));
            return null;
        })).subscribe(s);
        assertTrue(s.awaitTerminal());
        assertEquals(List.of("a"), s.items());
        assertTrue(s.error.getMessage().contains("yieldAll"), s.error.getMessage());
    }

    @Test
    void cancelClosesTheGeneratorSoItsFinallyRuns() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(2);
        Publishers.from(() -> counting(10, log)).subscribe(s);
        Eventually.until(() -> s.items().size() == 2, "two items");
        s.cancel();
        Eventually.until(() -> log.contains("finally"), "the finally block, run by cancel");
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
        Eventually.until(() -> log.contains("finally"), "the finally block, run by cancel");
        assertEquals(List.of(0, 1, 2), s.items(), "no signal after cancel");
        assertEquals(List.of("yield 0", "yield 1", "yield 2", "finally"), log,
                "the body emits each item from its yield, so it stops at the cancelling one");
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
            Eventually.until(() -> s.items().size() == 1, "the first item");
            s.cancel();
            Eventually.until(() -> dropped.size() == 1, "the report of the yield in finally");
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
        Eventually.until(() -> s.items().size() == 1, "the first item");
        s.cancel();
        Eventually.until(() -> seen.get() != null, "the body sees the cancel");
        assertInstanceOf(GeneratorExit.class, seen.get());
    }

    @Test
    void requestOfZeroOrLessIsOnErrorIllegalArgument() throws InterruptedException {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            List<String> log = new CopyOnWriteArrayList<>();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            Publishers.from(() -> counting(10, log)).subscribe(s);
            Eventually.until(() -> s.items().size() == 1, "the first item");
            s.request(bad);
            assertTrue(s.awaitTerminal());
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, s.error);
            assertTrue(e.getMessage().contains("3.9"), e.getMessage());
            assertEquals(List.of("yield 0", "finally"), log, "the generator is closed");
            s.request(1);
            assertEquals(0, s.signalsAfterTerminal.get());
        }
    }

    @Test
    void aBadRequestFromOnNextStopsAfterTheCurrentItem() throws InterruptedException {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE, (sub, item) -> {
            if (item == 1) {
                sub.request(-3);
            }
        });
        Publishers.from(() -> counting(10, new ArrayList<>())).subscribe(s);
        assertTrue(s.awaitTerminal());
        assertEquals(List.of(0, 1), s.items());
        assertInstanceOf(IllegalArgumentException.class, s.error);
    }

    @Test
    void requestFromOnNextRunsInTheSameLoopWithoutGrowingTheStack() throws InterruptedException {
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
        assertTrue(s.awaitTerminal());
        assertTrue(s.completed);
        assertEquals(n, s.items().size());
        assertEquals(depth[1], depth[n - 1], "§3.3: the stack is as deep at the last item as at the second");
    }

    @Test
    void demandAddsUpToUnboundedWithoutOverflow() throws InterruptedException {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE - 1);
        Publishers.from(() -> counting(5, new ArrayList<>())).subscribe(s);
        s.request(Long.MAX_VALUE);
        s.request(2);
        assertTrue(s.awaitTerminal());
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
        Eventually.until(() -> partial.items().size() == 1001, "1001 items, then the cancel");
        assertEquals(1001, partial.items().size());
        assertNull(partial.error);
    }

    @Test
    void eachSubscriberGetsItsOwnGenerator() throws InterruptedException {
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
        assertTrue(b.awaitTerminal());
        Eventually.until(() -> a.items().size() == 2, "two items for the first subscriber");
        assertEquals(List.of(0, 1), a.items());
        assertEquals(List.of(0, 1, 2), b.items());
        assertTrue(b.completed);
    }

    @Test
    void aSharedGeneratorThatHasStartedIsOnErrorForTheNextSubscriber() throws InterruptedException {
        Generator<Integer, Void, String> shared = counting(2, new ArrayList<>());
        Publisher<Integer> p = Publishers.from(() -> shared);
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>(10);
        p.subscribe(first);
        assertTrue(first.awaitTerminal());
        assertEquals(List.of(0, 1), first.items());
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>(10);
        p.subscribe(second);
        assertTrue(second.awaitTerminal());
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, second.error);
        assertTrue(e.getMessage().contains("has started already (CLOSED)"), e.getMessage());
        assertTrue(e.getMessage().contains("return Generator.of(...) from the supplier"), e.getMessage());
        assertEquals(List.of(), second.items());
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
    void aSubscriberThatThrowsFromOnNextGetsOnErrorAndTheGeneratorIsClosed() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        IllegalStateException bug = new IllegalStateException("subscriber bug");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(10, (sub, item) -> {
            if (item == 1) {
                throw bug;
            }
        });
        Publishers.from(() -> counting(10, log)).subscribe(s);
        assertTrue(s.awaitTerminal());
        assertSame(bug, s.error);
        assertEquals(List.of("yield 0", "yield 1", "finally"), log,
                "the body never sees the subscriber's exception; it is closed at the yield that emitted");
    }

    @Test
    void yieldFromAndYieldAllInsideTheBodyStreamWithBackpressure() throws InterruptedException {
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
        Eventually.until(() -> s.items().size() == 3, "three items");
        assertEquals(List.of(1, 10, 11), s.items());
        assertEquals(2, produced.get(), "the subgenerator runs only as far as the demand too");
        s.request(Long.MAX_VALUE);
        assertTrue(s.awaitTerminal());
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
        Eventually.until(() -> s.items().size() == 2, "two items");
        s.cancel();
        Eventually.until(() -> log.contains("outer finally"), "both finally blocks");
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
    void theRequesterNeverWaitsForTheBodyNorHoldsItsLocksOverIt() throws InterruptedException {
        // A Netty event loop requesting under a lock must neither block on a slow body nor deadlock
        // with an onNext that takes the same lock: the body runs and signals on a Coflow virtual thread.
        Object lock = new Object();
        CountDownLatch bodyMayGoOn = new CountDownLatch(1);
        List<Thread> onNextThreads = new CopyOnWriteArrayList<>();
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0, (sub, item) -> {
            synchronized (lock) {
                onNextThreads.add(Thread.currentThread());
            }
        });
        Publishers.<Integer>from(() -> Generator.of(y -> {
            bodyMayGoOn.await();
            for (int i = 0; i < 5; i++) {
                y.yield(i);
            }
            return null;
        })).subscribe(s);
        synchronized (lock) {
            s.request(10); // returns while the body still waits for the latch
            bodyMayGoOn.countDown();
        }
        assertTrue(s.awaitTerminal());
        assertTrue(s.completed);
        assertEquals(List.of(0, 1, 2, 3, 4), s.items());
        assertTrue(onNextThreads.stream().allMatch(Thread::isVirtual), "signals come from virtual threads");
        assertFalse(onNextThreads.contains(Thread.currentThread()));
    }

    @Test
    void flowViewsRoundTripWithoutStackingAdapters() {
        Publisher<Integer> p = Publishers.from(() -> counting(3, new ArrayList<>()));
        Flow.Publisher<Integer> flow = Publishers.toFlow(p);
        assertSame(p, Publishers.fromFlow(flow));
        List<Integer> got = new CopyOnWriteArrayList<>();
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
        Eventually.until(() -> got.size() == 4, "three items and the end");
        assertEquals(List.of(0, 1, 2, 99), got);
    }
}
