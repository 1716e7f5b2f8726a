package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md, section X: cancellation. */
class CancellationTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<Object> log = new ArrayList<>();
    private final Order order = new Order();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private Coroutine<String> sleeper(String name) {
        return Coroutine.of(() -> {
            try {
                await(sleep(Duration.ofHours(1)));
                return "woke";
            } finally {
                log.add(name + " finally");
            }
        });
    }

    @Test
    void x1_x2_cancelThrowsAtTheCurrentAwaitOnTheNextIterationAndFinallyRuns() {
        run(() -> {
            order.expect(1);
            Task<String> t = Aio.createTask(Coroutine.of(() -> {
                order.expect(2);
                try {
                    await(sleep(Duration.ofHours(1)));
                    order.unreached();
                } finally {
                    order.expect(4);
                }
                return "never";
            }));
            await(sleep(Duration.ZERO));
            assertTrue(t.cancel());
            assertFalse(t.done());
            order.expect(3);
            assertThrows(CancelledError.class, () -> await(t));
            order.finish(5);
            assertTrue(t.cancelled());
            assertFalse(t.cancel());
            assertThrows(CancelledError.class, t::result);
            assertThrows(CancelledError.class, t::exception);
            return null;
        });
        order.assertFinished(5);
    }

    @Test
    void x3_aCoroutineThatCatchesTheCancellationAndReturnsFinishesNormally() {
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofHours(1)));
                    return "slept";
                } catch (CancelledError e) {
                    return "cleaned up";
                }
            }));
            await(sleep(Duration.ZERO));
            t.cancel();
            assertEquals("cleaned up", await(t));
            assertFalse(t.cancelled());
            assertEquals("cleaned up", t.result());
            return null;
        });
    }

    @Test
    void x4_theCancelMessageReachesTheCoroutineAndTheAwaiter() {
        run(() -> {
            Task<Void> t = Aio.createTask(Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofHours(1)));
                } catch (CancelledError e) {
                    log.add("inside " + e.args());
                    throw e;
                }
                return null;
            }));
            await(sleep(Duration.ZERO));
            t.cancel("shutting down");
            try {
                await(t);
            } catch (CancelledError e) {
                log.add("awaiter " + e.args());
            }
            // Python 3.11 quirk: the saved error is handed out once; later result() calls raise a fresh one.
            log.add("result " + assertThrows(CancelledError.class, t::result).args());
            return null;
        });
        assertEquals(List.of("inside [shutting down]", "awaiter [shutting down]", "result []"), log);
    }

    @Test
    void x5_aTaskCancelledBeforeItsFirstStepNeverRunsItsBody() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            log.add("body ran");
            return "x";
        }));
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertEquals(List.of(), log);
    }

    @Test
    void x6_x12_cancelTwiceBeforeDeliveryCountsTwoAndUncancelDecrements() {
        run(() -> {
            Task<Void> t = Aio.createTask(Coroutine.of(() -> await(sleep(Duration.ofSeconds(10)))));
            assertTrue(t.cancel());
            assertTrue(t.cancel());
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
            assertEquals(1, t.cancelling());
            assertThrows(CancelledError.class, () -> await(t));
            assertTrue(t.cancelled());
            return null;
        });
    }

    @Test
    void x7_cancellingATaskCancelsTheFutureItWaitsOnSynchronously() {
        run(() -> {
            Future<String> fut = Aio.getRunningLoop().createFuture();
            Task<String> t = Aio.createTask(Coroutine.of(() -> await(fut)));
            await(sleep(Duration.ZERO));
            t.cancel();
            assertTrue(fut.cancelled());
            assertFalse(t.done());
            assertThrows(CancelledError.class, () -> await(t));
            return null;
        });
    }

    @Test
    void x8_aTaskThatCancelsItselfContinuesUntilItsNextAwait() {
        run(() -> {
            Task<Void> t = Aio.createTask(Coroutine.of(() -> {
                Aio.currentTask().cancel();
                log.add("continues");
                log.add(Aio.currentTask().cancelling());
                try {
                    await(sleep(Duration.ZERO));
                } catch (CancelledError e) {
                    log.add("cancelled at await");
                    throw e;
                }
                return null;
            }));
            assertThrows(CancelledError.class, () -> await(t));
            log.add(t.cancelled());
            return null;
        });
        assertEquals(List.of("continues", 1, "cancelled at await", true), log);
    }

    @Test
    void x9_cancellingAnOuterTaskCancelsTheInnerTaskItAwaitsAndFinallysUnwindLeafFirst() {
        run(() -> {
            Coroutine<Void> middle = Coroutine.of(() -> {
                try {
                    await(Aio.createTask(sleeper("leaf")));
                } finally {
                    log.add("middle finally");
                }
                return null;
            });
            Task<Void> outer = Aio.createTask(Coroutine.of(() -> {
                try {
                    await(middle);
                } finally {
                    log.add("outer finally");
                }
                return null;
            }));
            await(sleep(Duration.ZERO));
            await(sleep(Duration.ZERO));
            outer.cancel();
            try {
                await(outer);
            } catch (CancelledError e) {
                log.add("awaiter cancelled");
            }
            return null;
        });
        assertEquals(List.of("leaf finally", "middle finally", "outer finally", "awaiter cancelled"), log);
    }

    @Test
    void x10_anInnerTaskCancelledDirectlyGivesItsAwaiterACatchableCancelledError() {
        run(() -> {
            Task<String> inner = Aio.createTask(sleeper("inner"));
            Task<String> awaiter = Aio.createTask(Coroutine.of(() -> {
                try {
                    return await(inner);
                } catch (CancelledError e) {
                    return "caught";
                }
            }));
            await(sleep(Duration.ZERO));
            inner.cancel();
            assertEquals("caught", await(awaiter));
            assertEquals(0, awaiter.cancelling());
            assertFalse(awaiter.cancelled());
            return null;
        });
    }

    @Test
    void x11_aPlainFutureCancelledByAThirdPartyGivesTheAwaiterCancelledError() {
        run(() -> {
            Future<String> fut = Aio.getRunningLoop().createFuture();
            Aio.getRunningLoop().callLater(Duration.ofSeconds(1), () -> fut.cancel("third party"));
            CancelledError e = assertThrows(CancelledError.class, () -> await(fut));
            assertEquals(List.of("third party"), e.args());
            return null;
        });
    }

    @Test
    void cancelledErrorIsNotCaughtByCatchException() {
        run(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofHours(1)));
                } catch (Exception e) {
                    return "swallowed by catch (Exception)";
                }
                return "slept";
            }));
            await(sleep(Duration.ZERO));
            t.cancel();
            CancelledError e = assertThrows(CancelledError.class, () -> await(t));
            assertSame(CancelledError.class, e.getClass());
            return null;
        });
    }
}
