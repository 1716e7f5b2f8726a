package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.forEach;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.GeneratorExit;
import dev.coflow.gen.GeneratorState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEP 525 async generators, G1-G9 by id; expected traces come from CPython 3.11. */
class AsyncGeneratorTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private static void tick() {
        await(sleep(Duration.ZERO));
    }

    /** Python: async def agen(): try: for i in range(n): await sleep(0); yield i  finally: log "finally". */
    private AsyncGenerator<Integer> counting(int n) {
        return AsyncGenerator.of("counting", y -> {
            try {
                for (int i = 0; i < n; i++) {
                    tick();
                    log.add("yield " + i);
                    y.yield(i);
                }
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void g1_asyncForCollectsTheValuesAndTheFinallyRunsOnExhaustion() {
        List<Integer> got = new ArrayList<>();
        AsyncGenerator<Integer> ag = counting(3);
        run(() -> {
            forEach(ag, got::add);
            return null;
        });
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(List.of("yield 0", "yield 1", "yield 2", "finally"), log);
        assertSame(ag, ag.aiter());
        assertEquals(GeneratorState.CLOSED, ag.state());
    }

    @Test
    void g2_anextReturnsAnAwaitableThatRunsNothingUntilAwaited() {
        AsyncGenerator<Integer> ag = counting(3);
        Coroutine<Integer> step = ag.anext();
        assertEquals(List.of(), log);
        assertEquals(GeneratorState.CREATED, ag.state());
        assertEquals(0, run(() -> await(step)));
        assertEquals(List.of("yield 0"), log);
        assertEquals(GeneratorState.SUSPENDED, ag.state());
    }

    /** G2: each awaitable runs once; awaiting it again fails in CPython's words for its kind. */
    @Test
    void g2_awaitingTheSameAnextAsendAthrowOrAcloseAwaitableTwiceFails() {
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            for (int i = 0; ; i++) {
                try {
                    y.yield(i);
                } catch (IllegalArgumentException e) {
                    log.add("caught " + e.getMessage());
                }
            }
        });
        run(() -> {
            Coroutine<Integer> next = ag.anext();
            Coroutine<Integer> send = ag.asend(null);
            Coroutine<Integer> thrown = ag.athrow(new IllegalArgumentException("x"));
            Coroutine<Void> close = ag.aclose();
            assertEquals(0, await(next));
            assertEquals(1, await(send));
            assertEquals(2, await(thrown));
            await(close);
            for (Coroutine<?> twice : List.of(next, send)) {
                assertEquals("cannot reuse already awaited __anext__()/asend()",
                        assertThrows(IllegalStateException.class, () -> await(twice)).getMessage());
            }
            for (Coroutine<?> twice : List.of(thrown, close)) {
                assertEquals("cannot reuse already awaited aclose()/athrow()",
                        assertThrows(IllegalStateException.class, () -> await(twice)).getMessage());
            }
            return null;
        });
        assertEquals(List.of("caught x"), log);
        assertEquals(GeneratorState.CLOSED, ag.state());
    }

    @Test
    void g3_anextAsendAndTheDefaultAndStopAsyncIteration() {
        AsyncGenerator<Integer> echo = AsyncGenerator.of(y -> {
            String x = y.yield(1);
            log.add("got " + x);
            y.yield(2);
        });
        run(() -> {
            assertEquals(1, await(echo.anext()));
            assertEquals(2, await(echo.asend("hi")));
            assertEquals(List.of("got hi"), log);
            assertThrows(StopAsyncIteration.class, () -> await(echo.anext()));
            assertEquals(-1, await(echo.anext(-1)));
            assertThrows(StopAsyncIteration.class, () -> await(echo.asend("again")));
            return null;
        });
    }

    @Test
    void g4_sendingAValueToAJustStartedAsyncGeneratorFails() {
        AsyncGenerator<Integer> ag = counting(2);
        run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(ag.asend("x")));
            assertEquals("can't send non-None value to a just-started async generator", e.getMessage());
            assertEquals(GeneratorState.CREATED, ag.state());
            assertEquals(0, await(ag.anext()));
            return null;
        });
    }

    @Test
    void g5_athrowCaughtReturnsTheNextValueUncaughtPropagatesAndExhausts() {
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
            } catch (IllegalArgumentException e) {
                log.add("caught " + e.getMessage());
                y.yield(2);
            }
            y.yield(3);
        });
        IOException k = new IOException("k");
        run(() -> {
            await(ag.anext());
            assertEquals(2, await(ag.athrow(new IllegalArgumentException("v"))));
            assertEquals(List.of("caught v"), log);
            assertSame(k, assertThrows(IOException.class, () -> await(ag.athrow(k))));
            assertEquals(GeneratorState.CLOSED, ag.state());
            assertEquals(-1, await(ag.anext(-1)));
            // CPython 3.11: athrow on an exhausted async generator returns None.
            assertNull(await(ag.athrow(new IOException("k2"))));
            return null;
        });
    }

    @Test
    void g5_athrowOnAnUnstartedAsyncGeneratorRaisesWithoutRunningTheBody() {
        AsyncGenerator<Integer> ag = counting(2);
        IllegalArgumentException unstarted = new IllegalArgumentException("unstarted");
        run(() -> {
            assertSame(unstarted, assertThrows(IllegalArgumentException.class, () -> await(ag.athrow(unstarted))));
            assertEquals(-2, await(ag.anext(-2)));
            return null;
        });
        assertEquals(List.of(), log);
    }

    @Test
    void g6_acloseRunsTheFinallyAndIsANoOpWhenClosedOrUnstarted() {
        AsyncGenerator<Integer> ag = counting(3);
        AsyncGenerator<Integer> unstarted = counting(3);
        run(() -> {
            await(ag.anext());
            assertNull(await(ag.aclose()));
            assertEquals(List.of("yield 0", "finally"), log);
            assertNull(await(ag.aclose()));
            assertNull(await(unstarted.aclose()));
            assertEquals(List.of("yield 0", "finally"), log);
            assertEquals(-1, await(ag.anext(-1)));
            assertEquals(-1, await(unstarted.anext(-1)));
            return null;
        });
    }

    @Test
    void g6_theFinallyMayAwaitWhileClosing() {
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
            } finally {
                log.add("closing at " + loop.time());
                await(sleep(Duration.ofSeconds(2)));
                log.add("closed at " + loop.time());
            }
        });
        run(() -> {
            await(ag.anext());
            await(ag.aclose());
            return null;
        });
        assertEquals(List.of("closing at 0.0", "closed at 2.0"), log);
    }

    /**
     * CPython: aclose raises "async generator ignored GeneratorExit"; the generator stays at that yield, so
     * the next anext finishes the finally and re-raises GeneratorExit; a further aclose returns None.
     */
    @Test
    void g7_yieldingDuringAcloseIsAnError() {
        AsyncGenerator<Integer> stubborn = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
            } finally {
                tick();
                log.add("stubborn finally");
                y.yield(2);
            }
        });
        run(() -> {
            await(stubborn.anext());
            RuntimeException e = assertThrows(RuntimeException.class, () -> await(stubborn.aclose()));
            assertEquals("async generator ignored GeneratorExit", e.getMessage());
            assertEquals(List.of("stubborn finally"), log);
            assertEquals(GeneratorState.SUSPENDED, stubborn.state());
            assertThrows(GeneratorExit.class, () -> await(stubborn.anext(-1)));
            assertNull(await(stubborn.aclose()));
            return null;
        });
    }

    @Test
    void g8_breakOutOfForEachDoesNotCloseTheAsyncGenerator() {
        AsyncGenerator<Integer> ag = counting(5);
        run(() -> {
            forEach(ag, x -> {
                if (x == 1) {
                    AsyncFor.breakLoop();
                }
            });
            log.add("after break: " + ag.state());
            assertEquals(2, await(ag.anext()));
            await(ag.aclose());
            return null;
        });
        assertEquals(List.of("yield 0", "yield 1", "after break: SUSPENDED", "yield 2", "finally"), log);
    }

    @Test
    void g8_anExceptionInTheLoopBodyLeavesTheLoopAndDoesNotCloseTheGenerator() {
        AsyncGenerator<Integer> ag = counting(5);
        IOException boom = new IOException("boom");
        run(() -> {
            IOException thrown = assertThrows(IOException.class, () -> forEach(ag, x -> {
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals(GeneratorState.SUSPENDED, ag.state());
            await(ag.aclose());
            return null;
        });
        assertEquals(List.of("yield 0", "finally"), log);
    }

    @Test
    void g9_theBodyCannotReturnAValueNorYieldFrom() throws NoSuchMethodException {
        assertEquals(void.class, AsyncGeneratorBody.class.getMethod("run", AsyncYielder.class).getReturnType());
        assertEquals(1, AsyncYielder.class.getMethods().length, "AsyncYielder offers only yield: no yield from");
    }

    @Test
    void anExceptionInTheBodyReachesTheConsumerAndExhaustsTheGenerator() {
        IOException boom = new IOException("boom");
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            y.yield(1);
            throw boom;
        });
        run(() -> {
            List<Integer> got = new ArrayList<>();
            assertSame(boom, assertThrows(IOException.class, () -> forEach(ag, got::add)));
            assertEquals(List.of(1), got);
            assertEquals(-1, await(ag.anext(-1)));
            return null;
        });
    }

    @Test
    void stopAsyncIterationOrStopIterationRaisedInTheBodyBecomesARuntimeException() {
        AsyncGenerator<Integer> bad = AsyncGenerator.of(y -> {
            y.yield(1);
            throw new StopAsyncIteration();
        });
        AsyncGenerator<Integer> bad2 = AsyncGenerator.of(y -> {
            y.yield(1);
            throw new dev.coflow.gen.StopIteration();
        });
        run(() -> {
            await(bad.anext());
            RuntimeException e = assertThrows(RuntimeException.class, () -> await(bad.anext()));
            assertEquals("async generator raised StopAsyncIteration", e.getMessage());
            assertTrue(e.getCause() instanceof StopAsyncIteration);
            await(bad2.anext());
            RuntimeException e2 = assertThrows(RuntimeException.class, () -> await(bad2.anext()));
            assertEquals("async generator raised StopIteration", e2.getMessage());
            return null;
        });
    }

    /** CPython: all four report "already running" while another task's anext is suspended in the body. */
    @Test
    void aSecondStepWhileOneIsSuspendedInTheBodyIsRefused() {
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            await(sleep(Duration.ofMillis(10)));
            y.yield(1);
        });
        run(() -> {
            Task<Integer> t = createTask(ag.anext());
            tick();
            assertEquals(GeneratorState.RUNNING, ag.state());
            for (Coroutine<?> c : List.of(ag.anext(), ag.asend(null), ag.athrow(new IOException()), ag.aclose())) {
                log.add(assertThrows(IllegalStateException.class, () -> await(c)).getMessage());
            }
            assertEquals(1, await(t));
            return null;
        });
        assertEquals(List.of("anext(): asynchronous generator is already running",
                "anext(): asynchronous generator is already running",
                "athrow(): asynchronous generator is already running",
                "aclose(): asynchronous generator is already running"), log);
    }

    @Test
    void awaitsInTheBodySuspendTheConsumersTaskInVirtualTime() {
        AsyncGenerator<String> ticker = AsyncGenerator.of(y -> {
            for (int i = 1; i <= 3; i++) {
                await(sleep(Duration.ofSeconds(i)));
                y.yield("tick " + i + " at " + loop.time());
            }
        });
        run(() -> {
            Task<?> other = createTask(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    await(sleep(Duration.ofMillis(1500)));
                    log.add("other at " + loop.time());
                }
                return null;
            }));
            forEach(ticker, log::add);
            await(other);
            return null;
        });
        assertEquals(List.of("tick 1 at 1.0", "other at 1.5", "tick 2 at 3.0", "other at 3.0", "other at 4.5",
                "tick 3 at 6.0"), log);
    }

    @Test
    void theBodyRunsInTheConsumersTaskAndMayAwaitCoroutines() {
        AsyncGenerator<String> ag = AsyncGenerator.of(y -> {
            Task<?> driver = Aio.currentTask();
            String fromCoroutine = await(Coroutine.of(() -> {
                tick();
                return "inner of " + Aio.currentTask().getName();
            }));
            y.yield(fromCoroutine + ", body in " + driver.getName());
        });
        String got = loop.runUntilComplete(loop.createTask(Coroutine.of(() -> await(ag.anext())), "consumer"));
        assertEquals("inner of consumer, body in consumer", got);
    }

    /** H-style: the body runs in the context of the task driving each step, as a Python async generator does. */
    @Test
    void theBodySeesTheContextOfTheTaskDrivingEachStep() {
        ContextVar<String> who = new ContextVar<>("who", "nobody");
        AsyncGenerator<String> ag = AsyncGenerator.of(y -> {
            for (;;) {
                tick();
                y.yield("step for " + who.get());
            }
        });
        run(() -> {
            who.set("main");
            log.add(await(ag.anext()));
            log.add(await(createTask(Coroutine.of(() -> {
                who.set("helper");
                return await(ag.anext());
            }))));
            log.add(await(ag.anext()) + ", main still sees " + who.get());
            await(ag.aclose());
            return null;
        });
        assertEquals(List.of("step for main", "step for helper", "step for main, main still sees main"), log);
    }

    /** X-style: cancelling the consumer lands at the body's await; its finally runs and the generator closes. */
    @Test
    void cancellingTheConsumerWhileTheBodyAwaitsCancelsTheBody() {
        AsyncGenerator<Integer> slow = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
                await(sleep(Duration.ofSeconds(1)));
                y.yield(2);
            } finally {
                log.add("slow finally");
            }
        });
        run(() -> {
            await(slow.anext());
            Task<Integer> t = createTask(slow.anext());
            tick();
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
            log.add("after cancel: " + await(slow.anext(-1)));
            return null;
        });
        assertEquals(List.of("slow finally", "after cancel: -1"), log);
    }

    @Test
    void aBodyThatCatchesGeneratorExitAndEndsClosesQuietly() {
        AsyncGenerator<Integer> catcher = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                log.add("caught GeneratorExit");
                tick();
            }
        });
        run(() -> {
            await(catcher.anext());
            assertNull(await(catcher.aclose()));
            return null;
        });
        assertEquals(List.of("caught GeneratorExit"), log);
    }

    @Test
    void yieldOutsideTheBodyIsRefused() {
        AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(Coroutine.of(() -> {
                y.yield(99);
                return null;
            })));
            log.add(e.getMessage());
            y.yield(1);
        });
        run(() -> await(ag.anext()));
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("yield used outside its own async generator's body"), log.get(0));
    }

    @Test
    void nestedAsyncGeneratorsAndNullItems() {
        AsyncGenerator<String> inner = AsyncGenerator.of(y -> {
            y.yield("a");
            tick();
            y.yield(null);
        });
        AsyncGenerator<String> outer = AsyncGenerator.of(y -> {
            forEach(inner, item -> {
                tick();
                y.yield("outer(" + item + ")");
            });
        });
        run(() -> {
            forEach(outer, log::add);
            return null;
        });
        assertEquals(List.of("outer(a)", "outer(null)"), log);
    }

    @Test
    void forEachLoopsOverAnyAsyncIterable() {
        AsyncIterable<Integer> fresh = () -> AsyncGenerator.of(y -> {
            y.yield(1);
            y.yield(2);
        });
        AsyncIterator<Integer> countdown = new AsyncIterator<>() {
            int n = 2;

            @Override
            public Coroutine<Integer> anext() {
                return Coroutine.of(() -> {
                    tick();
                    if (n == 0) {
                        throw new StopAsyncIteration();
                    }
                    return n--;
                });
            }
        };
        run(() -> {
            forEach(fresh, i -> log.add("fresh " + i));
            forEach(fresh, i -> log.add("again " + i));
            forEach(countdown, i -> log.add("countdown " + i));
            return null;
        });
        assertEquals(List.of("fresh 1", "fresh 2", "again 1", "again 2", "countdown 2", "countdown 1"), log);
    }

    @Test
    void breakLoopLeavesOnlyTheInnermostLoop() {
        AsyncIterable<Integer> three = () -> AsyncGenerator.of(y -> {
            for (int i = 0; i < 3; i++) {
                y.yield(i);
            }
        });
        run(() -> {
            forEach(three, i -> forEach(three, j -> {
                if (j > i) {
                    AsyncFor.breakLoop();
                }
                log.add(i + "" + j);
            }));
            return null;
        });
        assertEquals(List.of("00", "10", "11", "20", "21", "22"), log);
    }

    @Test
    void breakLoopOutsideForEachFailsTheTaskWithAClearError() {
        Task<Object> t = loop.createTask(Coroutine.of(() -> {
            AsyncFor.breakLoop();
            return null;
        }));
        Error e = assertThrows(Error.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().startsWith("AsyncFor.breakLoop() was called outside an Aio.forEach body"));
    }

    @Test
    void forEachOutsideACoroutineFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> forEach(counting(1), x -> {}));
        assertTrue(e.getMessage().startsWith("await used outside a coroutine"), e.getMessage());
    }

    @Test
    void toStringShowsNameAndStateAndTheAwaitablesAreNamed() {
        AsyncGenerator<Integer> ag = counting(1);
        assertEquals("<async_generator counting CREATED>", ag.toString());
        List<Coroutine<?>> made = List.of(ag.anext(), ag.anext(0), ag.asend(null), ag.athrow(new IOException()),
                ag.aclose());
        List<String> names = made.stream().map(Coroutine::name).toList();
        made.forEach(Coroutine::close);
        assertEquals(List.of("AsyncGenerator.anext", "AsyncGenerator.anext", "AsyncGenerator.asend",
                "AsyncGenerator.athrow", "AsyncGenerator.aclose"), names);
    }
}
