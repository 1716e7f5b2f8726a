package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.shield;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.aio.Aio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md F13–F33: wait, wait_for, shield, as_completed, timeout. Traces from CPython 3.11.7. */
class WaitAndTimeoutTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<Object> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private Coroutine<String> ticks(int n, String name, RuntimeException exc) {
        return Ticks.of(log, n, name, exc);
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void f13_f14_returnWhen() {
        loop.setExceptionHandler((l, ctx) -> { });
        Map<ReturnWhen, String> expected = Map.of(ReturnWhen.FIRST_COMPLETED, "[a]/2",
                ReturnWhen.FIRST_EXCEPTION, "[a, b]/1", ReturnWhen.ALL_COMPLETED, "[a, b, c]/0");
        for (ReturnWhen rw : ReturnWhen.values()) {
            String got = run(() -> {
                Task<String> a = Aio.createTask(ticks(1, "a", null), "a");
                Task<String> b = Aio.createTask(ticks(20, "b", new IllegalArgumentException()), "b");
                Task<String> c = Aio.createTask(ticks(50, "c", null), "c");
                WaitResult<Task<String>> r = await(Aio.wait(List.of(a, b, c), rw));
                await(Aio.wait(List.of(a, b, c)));
                return r.done().stream().map(Task::getName).toList() + "/" + r.pending().size();
            });
            assertEquals(expected.get(rw), got, rw.toString());
        }
        String noException = run(() -> {
            WaitResult<Task<String>> r = await(Aio.wait(List.of(Aio.createTask(ticks(1, "x", null)),
                    Aio.createTask(ticks(3, "y", null))), ReturnWhen.FIRST_EXCEPTION));
            return r.done().size() + "/" + r.pending().size();
        });
        assertEquals("2/0", noException);
    }

    @Test
    void f15_f16_aTimeoutReturnsWithoutRaisingOrCancellingAndExceptionsStayInTheTasks() {
        run(() -> {
            Task<String> slow = Aio.createTask(Coroutine.of(() -> await(sleep(s(5), "slow"))));
            Task<String> bad = Aio.createTask(Coroutine.of(() -> {
                throw new IllegalStateException("bad");
            }));
            Future<String> plain = Aio.getRunningLoop().createFuture();
            plain.setResult("plain");
            WaitResult<Future<String>> r = await(Aio.wait(List.of(slow, bad, bad, plain), ReturnWhen.ALL_COMPLETED, s(1)));
            assertEquals(List.of(bad, plain), List.copyOf(r.done()));
            assertEquals(List.of(slow), List.copyOf(r.pending()));
            assertEquals(1.0, loop.time());
            assertEquals("bad", bad.exception().getMessage());
            assertEquals("slow", await(slow));
            return null;
        });
    }

    @Test
    void f17_waitErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(() -> await(Aio.wait(List.<Task<Object>>of()))));
        assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
    }

    @Test
    void f20_onTimeoutWaitForCancelsTheInnerTaskWaitsForItsCleanupThenRaises() {
        run(() -> {
            Task<Object> t = Aio.createTask(Coroutine.of(() -> {
                try {
                    await(sleep(s(10)));
                } finally {
                    log.add("cleanup start");
                    await(sleep(Duration.ZERO));
                    log.add("cleanup end");
                }
                return null;
            }));
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(waitFor(t, s(1))));
            assertTrue(e.getCause() instanceof CancelledError);
            assertTrue(t.cancelled());
            assertEquals(List.of("cleanup start", "cleanup end"), log);
            return null;
        });
    }

    @Test
    void f21_ifTheInnerTaskSwallowsTheCancellationWaitForReturnsItsValue() {
        String r = run(() -> await(waitFor(Coroutine.of(() -> {
            try {
                await(sleep(s(10)));
                return "slept";
            } catch (CancelledError e) {
                return "swallowed";
            }
        }), s(1))));
        assertEquals("swallowed", r);
    }

    @Test
    void f22_f23_zeroTimeoutCancelsBeforeTheFirstStepAndNoTimeoutWaitsForever() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> await(waitFor(Coroutine.of(() -> {
                log.add("ran");
                return 1;
            }), Duration.ZERO)));
            assertEquals(List.of(), log);
            Future<Integer> done = Aio.getRunningLoop().createFuture();
            done.setResult(5);
            assertEquals(5, await(waitFor(done, Duration.ZERO)));
            assertEquals("late", await(waitFor(Coroutine.of(() -> await(sleep(s(100), "late"))), null)));
            return null;
        });
    }

    @Test
    void f23_f44_cancellingTheTaskRunningWaitForCancelsTheInnerTask() {
        run(() -> {
            Task<String> inner = Aio.createTask(Coroutine.of(() -> await(sleep(s(5), "inner"))));
            Task<String> w = Aio.createTask(Coroutine.of(() -> await(waitFor(inner, s(10)))));
            await(sleep(Duration.ZERO));
            w.cancel();
            assertThrows(CancelledError.class, () -> await(w));
            assertTrue(inner.cancelled());
            return null;
        });
    }

    @Test
    void f24_f25_shieldProtectsTheInnerTask() {
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> await(sleep(s(2), "t result"))));
            assertThrows(TimeoutError.class, () -> await(waitFor(shield(t), s(1))));
            assertFalse(t.done());
            assertEquals("t result", await(t));

            Task<String> u = Aio.createTask(Coroutine.of(() -> await(sleep(s(2), "u result"))));
            Task<String> awaiter = Aio.createTask(Coroutine.of(() -> await(shield(u))));
            await(sleep(Duration.ZERO));
            awaiter.cancel();
            assertThrows(CancelledError.class, () -> await(awaiter));
            assertFalse(u.cancelled());
            assertEquals("u result", await(u));
            return null;
        });
    }

    @Test
    void f26_f27_theShieldIsADifferentFuture() {
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> await(sleep(s(2), "t"))));
            Future<String> outer = shield(t);
            assertFalse(outer == t);
            assertTrue(outer.cancel());
            assertTrue(outer.cancelled());
            await(sleep(Duration.ZERO));
            assertFalse(t.cancelled());

            Task<String> u = Aio.createTask(Coroutine.of(() -> await(sleep(s(2), "u"))));
            Future<String> outerU = shield(u);
            u.cancel();
            assertThrows(CancelledError.class, () -> await(outerU));
            assertTrue(outerU.cancelled());

            Future<String> done = Aio.getRunningLoop().createFuture();
            done.setResult("d");
            assertSame(done, shield(done));
            Future<String> fromCoro = shield(Coroutine.of(() -> await(sleep(s(1), "coro"))));
            assertEquals("coro", await(fromCoro));
            return null;
        });
    }

    @Test
    void f28_f29_asCompletedGivesNewCoroutinesInCompletionOrderAndAFailureDoesNotStopTheRest() {
        run(() -> {
            Task<String> slow = Aio.createTask(Coroutine.of(() -> await(sleep(s(3), "slow"))));
            Coroutine<String> failing = Coroutine.of(() -> {
                await(sleep(s(2)));
                throw new IllegalStateException("failed");
            });
            Coroutine<String> fast = Coroutine.of(() -> await(sleep(s(1), "fast")));
            List<Coroutine<String>> items = Aio.asCompleted(List.of(slow, failing, fast));
            assertEquals(3, items.size());
            assertFalse(items.contains(failing) || items.contains(fast));
            for (Coroutine<String> c : items) {
                try {
                    log.add(await(c));
                } catch (IllegalStateException e) {
                    log.add(e.getMessage());
                }
            }
            return null;
        });
        assertEquals(List.of("fast", "failed", "slow"), log);
    }

    @Test
    void f30_asCompletedTimeoutRaisesAtTheFirstAwaitPastTheDeadlineAndCancelsNothing() {
        run(() -> {
            Task<Integer> one = Aio.createTask(Coroutine.of(() -> await(sleep(s(1), 1))));
            Task<Integer> five = Aio.createTask(Coroutine.of(() -> await(sleep(s(5), 5))));
            for (Coroutine<Integer> c : Aio.<Integer>asCompleted(List.of(one, five, five), s(2))) {
                try {
                    log.add(await(c));
                } catch (TimeoutError e) {
                    log.add("timeout");
                }
            }
            log.add(one.cancelled() || five.cancelled());
            assertTrue(Aio.asCompleted(List.of()).isEmpty());
            return null;
        });
        assertEquals(List.of(1, "timeout", false), log);
    }

    @Test
    void f31_onExpiryTheBlockSeesCancelledErrorAndTheCallerATimeoutError() {
        run(() -> {
            Timeout cm = Aio.timeout(s(1));
            TimeoutError e = assertThrows(TimeoutError.class, () -> cm.run(() -> {
                try {
                    await(sleep(s(10)));
                } catch (CancelledError c) {
                    log.add("block cancelled");
                    throw c;
                } finally {
                    log.add("finally");
                }
                return null;
            }));
            assertTrue(e.getCause() instanceof CancelledError);
            assertTrue(cm.expired());
            assertEquals(1.0, loop.time());
            assertEquals(0, Aio.currentTask().cancelling());
            return null;
        });
        assertEquals(List.of("block cancelled", "finally"), log);
    }

    @Test
    void f32_noneDeadlineRescheduleAndTimeoutAt() {
        run(() -> {
            Timeout none = Aio.timeout(null);
            assertNull(none.when());
            assertEquals("done", none.run(() -> {
                none.reschedule(loop.time() + 1);
                assertEquals(1.0, none.when());
                none.reschedule(null);
                await(sleep(s(5)));
                return "done";
            }));
            Timeout passed = Aio.timeoutAt(loop.time() - 1);
            assertThrows(TimeoutError.class, () -> passed.run(() -> {
                log.add("entered");
                await(sleep(Duration.ZERO));
                log.add("not reached");
                return null;
            }));
            return null;
        });
        assertEquals(List.of("entered"), log);
    }

    @Test
    void f33_aSwallowedCancellationGivesNoTimeoutErrorAndOnlyTheInnerTimeoutFires() {
        run(() -> {
            Timeout cm = Aio.timeout(Duration.ZERO);
            cm.run(() -> {
                try {
                    await(sleep(s(10)));
                } catch (CancelledError e) {
                    log.add("swallowed");
                }
                return null;
            });
            assertTrue(cm.expired());
            Timeout outer = Aio.timeout(s(5));
            Timeout[] inner = new Timeout[1];
            outer.run(() -> {
                inner[0] = Aio.timeout(s(1));
                try {
                    inner[0].run(() -> await(sleep(s(10))));
                } catch (TimeoutError e) {
                    log.add("inner fired");
                }
                return null;
            });
            assertFalse(outer.expired());
            assertTrue(inner[0].expired());
            return null;
        });
        assertEquals(List.of("swallowed", "inner fired"), log);
    }

    @Test
    void f44_cancellingTheTaskAwaitingWaitOrAsCompletedDoesNotCancelTheChildren() {
        run(() -> {
            Task<String> child = Aio.createTask(Coroutine.of(() -> await(sleep(s(5), "w"))));
            Task<WaitResult<Task<String>>> waiter = Aio.createTask(Aio.wait(List.of(child)));
            await(sleep(Duration.ZERO));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
            await(sleep(Duration.ZERO));
            assertFalse(child.done());

            Task<Object> ac = Aio.createTask(Coroutine.of(() -> {
                for (Coroutine<String> c : Aio.<String>asCompleted(List.of(child))) {
                    await(c);
                }
                return null;
            }));
            await(sleep(Duration.ZERO));
            ac.cancel();
            assertThrows(CancelledError.class, () -> await(ac));
            assertFalse(child.done());
            child.cancel();
            return null;
        });
    }
}
