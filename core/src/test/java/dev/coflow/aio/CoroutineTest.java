package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** docs/python-semantics.md, section D: coroutines and the coroutine–task protocol. */
class CoroutineTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<Object> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    @Test
    void d1_creatingACoroutineRunsNothing() {
        Coroutine<String> c = Coroutine.of(() -> {
            log.add("ran");
            return "r";
        });
        assertEquals(List.of(), log);
        assertEquals(GeneratorState.CREATED, c.state());
        assertEquals("r", loop.runUntilComplete(c));
        assertEquals(List.of("ran"), log);
    }

    @Test
    void d2_d3_aCoroutineIsAwaitableButNotIterable() {
        Coroutine<Integer> c = Coroutine.of(() -> 1);
        assertTrue(!Iterable.class.isAssignableFrom(Coroutine.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.coflow.gen.Iter.iter(c));
        assertTrue(e.getMessage().startsWith("'Coroutine' object is not iterable"), e.getMessage());
        assertEquals(Integer.valueOf(1), run(() -> Aio.<Integer>await((Object) c)));
    }

    @Test
    void d5_awaitingTheSameCoroutineTwiceFails() {
        Coroutine<Integer> c = Coroutine.of(() -> 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> {
            await(c);
            return await(c);
        }));
        assertEquals("cannot reuse already awaited coroutine", e.getMessage());
        Coroutine<Integer> wrapped = Coroutine.of(() -> 1);
        loop.createTask(wrapped);
        assertEquals("cannot reuse already awaited coroutine",
                assertThrows(IllegalStateException.class, () -> loop.createTask(wrapped)).getMessage());
        loop.runUntilComplete(Coroutine.of(() -> null));
    }

    /**
     * D5: awaiting a coroutine that is suspended in another driver is CPython's "coroutine is being
     * awaited already" (the driver keeps it), and awaiting itself is "coroutine already executing".
     */
    @Test
    void d5_awaitingACoroutineSuspendedElsewhereFailsAsBeingAwaitedAlready() {
        Future<Integer> f = loop.createFuture();
        Coroutine<Integer> byHand = Coroutine.of(() -> await(f) + 1);
        byHand.send(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> await(byHand)));
        assertEquals("coroutine is being awaited already", e.getMessage());
        assertEquals(GeneratorState.SUSPENDED, byHand.state());
        f.setResult(41);
        assertEquals(42, assertThrows(dev.coflow.gen.StopIteration.class, () -> byHand.send(null)).value());

        Coroutine<String> inTask = Coroutine.of(() -> await(sleep(Duration.ofSeconds(1), "slept")));
        Task<String> task = loop.createTask(inTask);
        e = assertThrows(IllegalStateException.class, () -> run(() -> await(inTask)));
        assertEquals("coroutine is being awaited already", e.getMessage());
        assertEquals("slept", loop.runUntilComplete(task));

        AtomicReference<Coroutine<Object>> self = new AtomicReference<>();
        self.set(Coroutine.of(() -> await(self.get())));
        e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(self.get()));
        assertEquals("coroutine already executing", e.getMessage());
    }

    @Test
    void d7_aCoroutineCollectedWithoutEverStartingIsReportedOnce() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            createAndDrop("hello");
            Coroutine<Integer> closed = Coroutine.of("closed_one", () -> 1);
            closed.close(); // no warning after close()
            closed = null;
            for (int i = 0; i < 200 && logs.messages().stream().noneMatch(m -> m.contains("'hello'")); i++) {
                System.gc();
                new CountDownLatch(1).await(10, TimeUnit.MILLISECONDS);
            }
            List<String> neverAwaited = logs.messages().stream().filter(m -> m.contains("was never awaited")).toList();
            assertTrue(neverAwaited.contains("coroutine 'hello' was never awaited"), neverAwaited.toString());
            assertEquals(1, neverAwaited.stream().filter(m -> m.contains("'hello'")).count());
            assertTrue(neverAwaited.stream().noneMatch(m -> m.contains("closed_one")), neverAwaited.toString());
        }
    }

    private static void createAndDrop(String name) {
        Coroutine.of(name, () -> 1);
    }

    @Test
    void d8_coroutineStates() {
        Coroutine<?>[] self = new Coroutine<?>[1];
        Future<String> fut = loop.createFuture();
        self[0] = Coroutine.of(() -> {
            log.add(self[0].state());
            return await(fut);
        });
        assertEquals(GeneratorState.CREATED, self[0].state());
        Task<?> t = loop.createTask(self[0]);
        loop.callSoon(() -> loop.callSoon(() -> {
            log.add(self[0].state());
            log.add(self[0].awaiting() == fut ? "cr_await is fut" : "cr_await is " + self[0].awaiting());
            fut.setResult("x");
        }));
        loop.runUntilComplete(t);
        log.add(self[0].state());
        log.add(self[0].awaiting());
        assertEquals(Arrays.asList(GeneratorState.RUNNING, GeneratorState.SUSPENDED, "cr_await is fut",
                GeneratorState.CLOSED, null), log);
    }

    @Test
    void d8_crAwaitOfANestedAwaitIsTheInnerCoroutineThenItsFuture() {
        Future<String> fut = loop.createFuture();
        Coroutine<String> inner = Coroutine.of(() -> await(fut));
        Coroutine<String> outer = Coroutine.of(() -> await(inner));
        assertNull(outer.awaiting());
        Task<String> t = loop.createTask(outer);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertSame(inner, outer.awaiting());
        assertSame(fut, inner.awaiting());
        fut.setResult("x");
        assertEquals("x", loop.runUntilComplete(t));
        assertNull(outer.awaiting());
        assertNull(inner.awaiting());
    }

    @Test
    void d10_closeOfASuspendedCoroutineRunsFinallyAndCloseOfANewOneRunsNothing() {
        Coroutine<Integer> unstarted = Coroutine.of(() -> {
            log.add("never");
            return 1;
        });
        unstarted.close();
        assertEquals(GeneratorState.CLOSED, unstarted.state());
        assertEquals("cannot reuse already awaited coroutine",
                assertThrows(IllegalStateException.class, () -> loop.createTask(unstarted)).getMessage());
        assertEquals(List.of(), log);
    }

    @Test
    void d10_throwLandsAtTheInnermostAwaitAndMayBeCaughtThere() {
        Coroutine<String> inner = Coroutine.of(() -> {
            try {
                await(sleep(Duration.ofHours(1)));
                return "slept";
            } catch (CancelledError e) {
                log.add("inner caught");
                return "inner recovered";
            }
        });
        String r = run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> "outer got " + await(inner)));
            await(sleep(Duration.ZERO));
            t.cancel();
            return await(t);
        });
        assertEquals("outer got inner recovered", r);
        assertEquals(List.of("inner caught"), log);
    }

    @Test
    void d12_aDoneFutureAwaitedAgainReturnsTheSameResultWithoutSuspending() {
        int[] ticks = {0};
        run(() -> {
            Future<String> f = Aio.getRunningLoop().createFuture();
            f.setResult("same");
            loop.callSoon(() -> ticks[0]++);
            log.add(await(f));
            log.add(await(f));
            log.add(ticks[0]);
            return null;
        });
        assertEquals(List.of("same", "same", 0), log);
    }

    @Test
    void d13_awaitOfSomethingNotAwaitableFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(() -> Aio.await((Object) 42)));
        assertTrue(e.getMessage().startsWith("object Integer can't be used in 'await' expression"), e.getMessage());
    }

    @Test
    void d14_sleepReturnsItsResult() {
        assertEquals("r", run(() -> await(sleep(Duration.ZERO, "r"))));
        assertEquals("r2", run(() -> await(sleep(Duration.ofSeconds(3), "r2"))));
        assertEquals(3.0, loop.time());
        assertEquals(null, run(() -> await(sleep(Duration.ofSeconds(-1)))));
    }

    @Test
    void d22_d23_awaitingAPendingFutureSuspendsUntilItIsDoneAndSleepZeroYieldsOnce() {
        run(() -> {
            Future<String> f = Aio.getRunningLoop().createFuture();
            loop.callSoon(() -> log.add("callback ran while suspended"));
            loop.callSoon(() -> f.setResult("done"));
            log.add(await(f));
            return null;
        });
        assertEquals(List.of("callback ran while suspended", "done"), log);
    }

    @Test
    void awaitOutsideACoroutineFailsClearly() {
        Future<Object> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(f));
        assertTrue(e.getMessage().startsWith("await used outside a coroutine"), e.getMessage());
        for (Object awaitable : List.of(Coroutine.of(() -> 1), new CompletableFuture<>(),
                (Publisher<Object>) s -> { }, sleep(Duration.ZERO))) {
            IllegalStateException each = assertThrows(IllegalStateException.class, () -> await(awaitable));
            assertTrue(each.getMessage().startsWith("await used outside a coroutine"), awaitable + ": " + each.getMessage());
        }
        Object[] inCallback = new Object[1];
        loop.setExceptionHandler((l, ctx) -> inCallback[0] = ctx.get("exception"));
        loop.callSoon(() -> await(f));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(((Throwable) inCallback[0]).getMessage().startsWith("await used outside a coroutine"));
    }

    @Test
    void awaitInsideAGeneratorBodyFailsClearly() {
        Future<Object> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> {
            Generator<Object, Object, Object> g = Generator.of(y -> await(f));
            return g.next();
        }));
        assertTrue(e.getMessage().startsWith("await used inside a generator body"), e.getMessage());
    }

    @Test
    void nestedCoroutinesReturnValuesAndPropagateExceptions() {
        Coroutine<Integer> leaf = Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            return 20;
        });
        Coroutine<Integer> middle = Coroutine.of(() -> await(leaf) + 1);
        assertEquals(42, run(() -> await(middle) * 2));
        IllegalStateException boom = new IllegalStateException("deep");
        Coroutine<Integer> failing = Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> run(() -> await(Coroutine.of(() -> await(failing))))));
    }

    @Test
    void d11_awaitingACompletionStageCompletedOnAnotherThread() {
        String r = run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread t = new Thread(() -> cf.complete("from thread"));
            t.start();
            return await(cf);
        });
        assertEquals("from thread", r);
        assertEquals("done already", run(() -> await(CompletableFuture.completedFuture("done already"))));
        IllegalStateException boom = new IllegalStateException("cf failed");
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> run(() -> await(CompletableFuture.failedFuture(boom)))));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            loop.callSoon(() -> cf.completeExceptionally(boom));
            return await(cf.thenApply(s -> s));
        })));
    }

    @Test
    void cancellingATaskAwaitingACompletableFutureCancelsIt() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> await(cf)));
            await(sleep(Duration.ZERO));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
            return null;
        });
        assertTrue(cf.isCancelled());
    }

    /** A minimal one-shot publisher: emits its items on request, from another thread if asked. */
    private static class Items<T> implements Publisher<T> {
        private final List<T> items;
        private final boolean async;
        volatile boolean cancelled;

        Items(boolean async, List<T> items) {
            this.items = items;
            this.async = async;
        }

        @Override
        public void subscribe(Subscriber<? super T> s) {
            s.onSubscribe(new Subscription() {
                int next;
                boolean done;

                @Override
                public void request(long n) {
                    Runnable emit = () -> {
                        for (long i = 0; i < n && next < items.size() && !cancelled; i++) {
                            s.onNext(items.get(next++));
                        }
                        if (next == items.size() && !done && !cancelled) {
                            done = true;
                            s.onComplete();
                        }
                    };
                    if (async) {
                        new Thread(emit).start();
                    } else {
                        emit.run();
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    @Test
    void d11_awaitingAPublisherOfAtMostOneItem() {
        assertEquals("one", run(() -> await(new Items<>(false, List.of("one")))));
        assertEquals("async one", run(() -> await(new Items<>(true, List.of("async one")))));
        assertEquals(null, run(() -> await(new Items<String>(false, List.of()))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(() -> await(new Items<>(false, List.of("a", "b")))));
        assertTrue(e.getMessage().contains("emitted more than one item"), e.getMessage());
    }

    @Test
    void awaitingAFailingPublisherRaisesItsError() {
        IllegalStateException boom = new IllegalStateException("publisher failed");
        Publisher<String> failing = s -> {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    s.onError(boom);
                }

                @Override
                public void cancel() {}
            });
        };
        assertSame(boom, assertThrows(IllegalStateException.class, () -> run(() -> await(failing))));
    }

    @Test
    void cancellingTheAwaitingTaskCancelsThePublisherSubscription() {
        Items<String> never = new Items<>(false, List.of()) {
            @Override
            public void subscribe(Subscriber<? super String> s) {
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {
                        cancelled = true;
                    }
                });
            }
        };
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> await(never)));
            await(sleep(Duration.ZERO));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
            return null;
        });
        assertTrue(never.cancelled);
    }

    @Test
    void currentTaskAndRunningLoopWorkInsideNestedBodiesOnBothEngines() {
        run(() -> {
            Task<?> me = Aio.currentTask();
            Coroutine<Object[]> inner = Coroutine.of(() -> {
                await(sleep(Duration.ZERO));
                return new Object[] {Aio.currentTask(), Aio.getRunningLoop()};
            });
            Object[] seen = await(inner);
            assertSame(me, seen[0]);
            assertSame(loop, seen[1]);
            return null;
        });
    }

    @Test
    void toThreadRunsABlockingCallElsewhereWithoutBlockingTheLoop() {
        EventLoop real = EventLoop.create();
        CountDownLatch release = new CountDownLatch(1);
        String r = real.runUntilComplete(Coroutine.of(() -> {
            Task<String> blocking = Aio.createTask(Aio.toThread(() -> {
                release.await();
                return Thread.currentThread().isVirtual() ? "virtual thread" : "platform thread";
            }));
            await(sleep(Duration.ZERO));
            log.add("loop still running");
            release.countDown();
            return await(blocking);
        }));
        assertEquals("virtual thread", r);
        assertEquals(List.of("loop still running"), log);
        real.close();
    }
}
