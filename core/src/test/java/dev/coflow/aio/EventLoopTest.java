package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private Coroutine<Void> ticker(String name, int n) {
        return Coroutine.of(() -> {
            for (int i = 0; i < n; i++) {
                log.add(name + i);
                await(sleep(Duration.ZERO));
            }
            return null;
        });
    }

    @Test
    void e33_callSoonIsFifoAndCallbacksScheduledDuringAnIterationRunInTheNext() {
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(() -> log.add("c (next iteration)"));
        });
        loop.callSoon(() -> log.add("b"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b"), log);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b", "c (next iteration)"), log);
    }

    @Test
    void e29_stopLetsTheCurrentBatchFinishAndLaterCallbacksRunOnTheNextRun() {
        loop.callSoon(() -> {
            log.add("1");
            loop.stop();
            loop.callSoon(() -> log.add("3"));
        });
        loop.callSoon(() -> log.add("2"));
        loop.runForever();
        assertEquals(List.of("1", "2"), log);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("1", "2", "3"), log);
    }

    @Test
    void e34_cancelledHandleNeverRuns() {
        Handle h = loop.callSoon(() -> log.add("cancelled"));
        loop.callSoon(() -> log.add("kept"));
        h.cancel();
        assertTrue(h.cancelled());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void e36_timersFireInDeadlineOrderAndTiesInSchedulingOrder() {
        loop.callLater(Duration.ofSeconds(3), () -> log.add("3s"));
        loop.callLater(Duration.ofSeconds(1), () -> log.add("1s-a"));
        loop.callAt(2.0, () -> log.add("at 2"));
        loop.callLater(Duration.ofSeconds(1), () -> log.add("1s-b"));
        loop.callLater(Duration.ofSeconds(4), loop::stop);
        loop.runForever();
        assertEquals(List.of("1s-a", "1s-b", "at 2", "3s"), log);
        assertEquals(4.0, loop.time());
    }

    @Test
    void e37_dueTimersRunAfterCallbacksAlreadyReadyAndNegativeDelaysSortByDeadline() {
        loop.callLater(Duration.ZERO, () -> log.add("later(0) A"));
        loop.callSoon(() -> log.add("soon B"));
        loop.callLater(Duration.ofSeconds(-1), () -> log.add("later(-1) C"));
        loop.callLater(Duration.ofMillis(1), loop::stop);
        loop.runForever();
        assertEquals(List.of("soon B", "later(-1) C", "later(0) A"), log);
    }

    @Test
    void e39_cancelledTimerNeverRunsAndVirtualTimeJumpsStraightToTheNextTimer() {
        TimerHandle t = loop.callLater(Duration.ofHours(1), () -> log.add("cancelled"));
        assertEquals(3600.0, t.when());
        t.cancel();
        loop.callLater(Duration.ofHours(2), () -> log.add("at " + loop.time()));
        loop.callLater(Duration.ofHours(3), loop::stop);
        loop.runForever();
        assertEquals(List.of("at 7200.0"), log);
        assertEquals(10800.0, loop.time());
    }

    @Test
    void manyCancelledTimersAreCleanedUp() {
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            handles.add(loop.callLater(Duration.ofSeconds(10 + i), () -> log.add("cancelled")));
        }
        handles.forEach(TimerHandle::cancel);
        loop.callLater(Duration.ofSeconds(5), () -> log.add("kept"));
        loop.callLater(Duration.ofSeconds(6), loop::stop);
        loop.runForever();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void e40_sleepZeroYieldsForExactlyOneIterationAndTasksRoundRobin() {
        loop.createTask(ticker("a", 3));
        loop.createTask(ticker("b", 3));
        loop.createTask(ticker("c", 2));
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertEquals(List.of("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2"), log);
    }

    @Test
    void e41_awaitingACoroutineThatNeverSuspendsDoesNotYieldToOtherTasks() {
        Coroutine<Integer> plain = Coroutine.of(() -> {
            log.add("inner");
            return 42;
        });
        loop.createTask(Coroutine.of(() -> {
            log.add("t1 start");
            int v = await(plain);
            log.add("t1 got " + v);
            return null;
        }));
        loop.createTask(Coroutine.of(() -> {
            log.add("t2");
            return null;
        }));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("t1 start", "inner", "t1 got 42", "t2"), log);
    }

    @Test
    void e41_aTaskResumedBySleepZeroRunsAfterCallbacksAlreadyQueued() {
        loop.runUntilComplete(Coroutine.of(() -> {
            loop.callSoon(() -> log.add("queued before the yield"));
            log.add("yield");
            await(sleep(Duration.ZERO));
            log.add("resumed");
            return null;
        }));
        assertEquals(List.of("yield", "queued before the yield", "resumed"), log);
    }

    @Test
    void e51_wakeUpCostsInLoopIterations() {
        // Python 3.11: a non-suspending coroutine costs 0 iterations, sleep(0) 1, a new task that
        // returns at once 2, a future resolved by a call_soon callback 2.
        int[] ticks = {0};
        loop.runUntilComplete(Coroutine.of(() -> {
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                ticks[0]++;
                loop.callSoon(tick[0]);
            };
            loop.callSoon(tick[0]);
            await(sleep(Duration.ZERO)); // let the ticker start: tick==1 after this
            int base = ticks[0];
            await(Coroutine.of(() -> 1));
            log.add("plain coroutine " + (ticks[0] - base));
            base = ticks[0];
            await(sleep(Duration.ZERO));
            log.add("sleep(0) " + (ticks[0] - base));
            base = ticks[0];
            await(loop.createTask(Coroutine.of(() -> 1)));
            log.add("new task " + (ticks[0] - base));
            base = ticks[0];
            Future<Integer> f = loop.createFuture();
            loop.callSoon(() -> f.setResult(1));
            await(f);
            log.add("future set by call_soon " + (ticks[0] - base));
            return null;
        }));
        assertEquals(List.of("plain coroutine 0", "sleep(0) 1", "new task 2", "future set by call_soon 2"), log);
    }

    @Test
    void e24_runUntilCompleteReturnsTheResultOrRethrowsTheSameException() {
        assertEquals("r", loop.runUntilComplete(Coroutine.of(() -> "r")));
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> {
                    throw boom;
                })));
        assertTrue(thrown == boom);
    }

    @Test
    void checkedExceptionsReachTheCallerUnwrapped() {
        Exception checked = new java.io.IOException("disk");
        Exception thrown = assertThrows(java.io.IOException.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            throw checked;
        })));
        assertTrue(thrown == checked);
    }

    @Test
    void e25_e26_runUntilCompleteStopsAsSoonAsItsFutureIsDoneAndTheNextRunResumesTheRest() {
        loop.createTask(Coroutine.of(() -> {
            for (int i = 0; i < 4; i++) {
                log.add("bg " + i);
                await(sleep(Duration.ZERO));
            }
            return null;
        }));
        loop.runUntilComplete(Coroutine.of(() -> {
            await(sleep(Duration.ZERO));
            log.add("quick done");
            return null;
        }));
        assertEquals(List.of("bg 0", "bg 1", "quick done", "bg 2"), log);
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertEquals(List.of("bg 0", "bg 1", "quick done", "bg 2", "bg 3"), log);
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the closed loop's calls are made to be refused: no future
    void e27_loopErrors() {
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> loop.runUntilComplete(Coroutine.of(() -> 1)))));
        assertEquals("This event loop is already running", nested.getMessage());
        IllegalStateException closeRunning = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> {
                    loop.close();
                    return null;
                })));
        assertEquals("Cannot close a running event loop", closeRunning.getMessage());
        loop.close();
        loop.close(); // a second close is a no-op
        assertTrue(loop.isClosed());
        for (Runnable call : List.<Runnable>of(
                () -> loop.callSoon(() -> { }),
                () -> loop.callSoonThreadsafe(() -> { }),
                () -> loop.callLater(Duration.ZERO, () -> { }),
                () -> loop.callAt(1, () -> { }),
                () -> loop.createFuture(),
                () -> loop.createTask(Coroutine.of(() -> 1)),
                () -> loop.runForever(),
                () -> loop.runUntilComplete(Coroutine.of(() -> 1)),
                () -> loop.submit(Coroutine.of(() -> 1)))) {
            assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, call::run).getMessage());
        }
    }

    @Test
    void e28_aFutureOfAnotherLoopIsRejected() {
        EventLoop other = EventLoop.createVirtualTime();
        Future<Object> f = other.createFuture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f));
        assertEquals("The future belongs to a different loop than the one specified as the loop argument",
                e.getMessage());
    }

    @Test
    void awaitingAFutureOfAnotherLoopThrowsIntoTheTask() {
        EventLoop other = EventLoop.createVirtualTime();
        Future<Object> f = other.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> await(f))));
        assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
    }

    @Test
    void runUntilCompleteOfAFutureNeverDoneFailsWhenTheLoopIsStopped() {
        Future<Object> f = loop.createFuture();
        loop.callLater(Duration.ofSeconds(1), loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
    }

    @Test
    void e15_anExceptionInACallbackGoesToTheHandlerAndTheOthersStillRun() {
        List<Map<String, Object>> errors = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> errors.add(ctx));
        RuntimeException boom = new RuntimeException("boom");
        loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> log.add("still runs"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("still runs"), log);
        assertEquals(1, errors.size());
        assertTrue(((String) errors.get(0).get("message")).startsWith("Exception in callback"));
        assertTrue(errors.get(0).get("exception") == boom);
    }

    @Test
    void aFailingExceptionHandlerFallsBackToTheDefault() {
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalStateException("handler broke");
        });
        loop.callSoon(() -> {
            throw new RuntimeException("boom");
        });
        loop.callSoon(() -> log.add("continues"));
        loop.callSoon(loop::stop);
        try (LogCapture logs = LogCapture.start()) {
            loop.runForever();
            assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith("Unhandled error in exception handler")),
                    logs.messages().toString());
        }
        assertEquals(List.of("continues"), log);
    }

    @Test
    void callSoonThreadsafeWakesAParkedLoopAndKeepsOrder() throws Exception {
        EventLoop real = EventLoop.create();
        CountDownLatch parkedSoon = new CountDownLatch(1);
        real.callSoon(parkedSoon::countDown);
        Thread other = new Thread(() -> {
            try {
                parkedSoon.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 100; i++) {
                int n = i;
                real.callSoonThreadsafe(() -> log.add("t" + n));
            }
            real.callSoonThreadsafe(real::stop);
        });
        other.start();
        real.runForever();
        other.join();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("t" + i);
        }
        assertEquals(expected, log);
        real.close();
    }

    @Test
    void e34_callSoonThreadsafeFromTheLoopThreadKeepsItsOrderAmongCallSoon() {
        loop.callSoon(() -> {
            loop.callSoon(() -> log.add("soon 1"));
            loop.callSoonThreadsafe(() -> log.add("threadsafe 2"));
            loop.callSoon(() -> log.add("soon 3"));
        });
        loop.callLater(Duration.ofMillis(10), loop::stop);
        loop.runForever();
        assertEquals(List.of("soon 1", "threadsafe 2", "soon 3"), log);
    }

    @Test
    void runInExecutorRunsOnTheGivenExecutorAndCompletesOnTheLoop() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "pool-thread"));
        EventLoop real = EventLoop.create();
        try {
            String r = real.runUntilComplete(Coroutine.of(() -> {
                String where = await(real.runInExecutor(pool, () -> Thread.currentThread().getName()));
                IllegalStateException boom = new IllegalStateException("in executor");
                try {
                    await(real.runInExecutor(pool, () -> {
                        throw boom;
                    }));
                } catch (IllegalStateException e) {
                    assertTrue(e == boom);
                }
                return where;
            }));
            assertEquals("pool-thread", r);
        } finally {
            pool.shutdown();
            real.close();
        }
    }

    @Test
    void cancellingTheCompletableFutureOfSubmitCancelsTheTask() throws Exception {
        EventLoop real = EventLoop.create();
        Thread runner = new Thread(real::runForever);
        runner.start();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> cleanedUp = new CompletableFuture<>();
        CompletableFuture<String> cf = real.submit(Coroutine.of(() -> {
            started.countDown();
            try {
                await(sleep(Duration.ofHours(1)));
                return "slept";
            } finally {
                cleanedUp.complete("finally ran");
            }
        }));
        started.await(10, TimeUnit.SECONDS);
        assertTrue(cf.cancel(false));
        assertEquals("finally ran", cleanedUp.get(10, TimeUnit.SECONDS));
        real.stop();
        runner.join();
        real.close();
    }

    @Test
    void aRealTimeLoopWaitsForItsTimers() {
        EventLoop real = EventLoop.create();
        double start = real.time();
        real.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofMillis(20)))));
        assertTrue(real.time() - start >= 0.019, "slept " + (real.time() - start));
        real.close();
    }

    @Test
    void submitRunsACoroutineFromAnotherThreadAndCompletesACompletableFuture() throws Exception {
        EventLoop real = EventLoop.create();
        Thread runner = new Thread(real::runForever);
        runner.start();
        CompletableFuture<String> cf = real.submit(Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(1)));
            return "from the loop on " + (Aio.getRunningLoop() == real);
        }));
        assertEquals("from the loop on true", cf.get(10, TimeUnit.SECONDS));
        CompletableFuture<String> failing = real.submit(Coroutine.of(() -> {
            throw new IllegalStateException("bad");
        }));
        java.util.concurrent.ExecutionException e =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertEquals("bad", e.getCause().getMessage());
        real.stop();
        runner.join();
        assertFalse(real.isRunning());
        real.close();
    }

    @Test
    void callSoonFromAForeignThreadWhileRunningFailsFast() {
        EventLoop real = EventLoop.create();
        Object[] error = new Object[1];
        real.runUntilComplete(Coroutine.of(() -> {
            Thread t = new Thread(() -> {
                try {
                    real.callSoon(() -> { });
                } catch (IllegalStateException e) {
                    error[0] = e.getMessage();
                }
            });
            t.start();
            await(Aio.toThread(() -> {
                t.join();
                return null;
            }));
            return null;
        }));
        assertTrue(String.valueOf(error[0]).startsWith("Non-thread-safe operation"), String.valueOf(error[0]));
        real.close();
    }
}
