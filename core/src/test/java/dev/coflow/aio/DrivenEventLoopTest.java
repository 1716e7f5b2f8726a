package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link EventLoop#createDriven}: a loop whose turns a host scheduler runs. */
class DrivenEventLoopTest {

    /** A driver run by hand: turns queue up until the test runs them; its clock moves only when told. */
    static final class ManualDriver implements LoopDriver {
        final ArrayDeque<Runnable> soon = new ArrayDeque<>();
        final List<long[]> laterDeadlines = new ArrayList<>();
        final List<Runnable> laterTurns = new ArrayList<>();
        long now;
        boolean closed;

        @Override
        public synchronized void runSoon(Runnable turn) {
            soon.addLast(turn);
        }

        @Override
        public synchronized Runnable runLater(Runnable turn, long delayNanos) {
            long[] deadline = {now + delayNanos};
            laterDeadlines.add(deadline);
            laterTurns.add(turn);
            return () -> {
                synchronized (this) {
                    int i = laterDeadlines.indexOf(deadline);
                    if (i >= 0) {
                        laterDeadlines.remove(i);
                        laterTurns.remove(i);
                    }
                }
            };
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public void loopClosed() {
            closed = true;
        }

        synchronized int pendingTurns() {
            return soon.size();
        }

        /** Runs the queued turns (and those they queue) until none is left. */
        void runAll() {
            for (;;) {
                Runnable next;
                synchronized (this) {
                    next = soon.pollFirst();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        }

        /** Moves the clock to the earliest runLater deadline and queues that turn. */
        synchronized long advanceToNextDeadline() {
            int best = 0;
            for (int i = 1; i < laterDeadlines.size(); i++) {
                if (laterDeadlines.get(i)[0] < laterDeadlines.get(best)[0]) {
                    best = i;
                }
            }
            now = Math.max(now, laterDeadlines.remove(best)[0]);
            soon.addLast(laterTurns.remove(best));
            return now;
        }
    }

    private final ManualDriver driver = new ManualDriver();
    private final EventLoop loop = EventLoop.createDriven(driver);
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void e33_callbacksRunFifoInsideATurnWithTheLoopRunning() {
        loop.callSoonThreadsafe(() -> {
            log.add("a running=" + loop.isRunning() + " same=" + (Aio.getRunningLoop() == loop));
            loop.callSoon(() -> log.add("c"));
        });
        loop.callSoonThreadsafe(() -> log.add("b"));
        assertEquals(1, driver.pendingTurns(), "one turn requested for both callbacks");
        assertTrue(log.isEmpty(), "nothing runs before the driver runs the turn");
        driver.runAll();
        assertEquals(List.of("a running=true same=true", "b", "c"), log);
        assertFalse(loop.isRunning());
        assertEquals(0, driver.pendingTurns());
    }

    @Test
    void submittedTaskRunsToCompletionAcrossSleepsViaRunLaterRequests() {
        CompletableFuture<String> result = loop.submit(Coroutine.of(() -> {
            Task<?> me = Aio.currentTask();
            log.add("start t=" + loop.time());
            await(sleep(Duration.ofSeconds(2)));
            log.add("woke t=" + loop.time() + " same task=" + (Aio.currentTask() == me));
            await(sleep(Duration.ofSeconds(1)));
            return "done";
        }));
        driver.runAll();
        assertEquals(List.of("start t=0.0"), log);
        assertEquals(1, driver.laterDeadlines.size(), "only a timer left: one runLater request");
        assertEquals(2_000_000_000L, driver.advanceToNextDeadline());
        driver.runAll();
        assertEquals(List.of("start t=0.0", "woke t=2.0 same task=true"), log);
        assertFalse(result.isDone());
        driver.advanceToNextDeadline();
        driver.runAll();
        assertEquals("done", result.join());
        assertTrue(driver.laterDeadlines.isEmpty());
    }

    @Test
    void timersFireInDeadlineOrderAndAnEarlierTimerReplacesTheWakeup() {
        loop.callSoonThreadsafe(() -> {
            loop.callLater(Duration.ofSeconds(5), () -> log.add("5s"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("1s"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("1s second"));
        });
        driver.runAll();
        assertEquals(1, driver.laterDeadlines.size(), "one wakeup, at the earliest deadline");
        assertEquals(1_000_000_000L, driver.laterDeadlines.get(0)[0]);
        driver.advanceToNextDeadline();
        driver.runAll();
        assertEquals(List.of("1s", "1s second"), log);
        driver.advanceToNextDeadline();
        driver.runAll();
        assertEquals(List.of("1s", "1s second", "5s"), log);
    }

    @Test
    void aWakeupThatComesEarlyAsksAgain() {
        loop.callSoonThreadsafe(() -> loop.callLater(Duration.ofSeconds(1), () -> log.add("due")));
        driver.runAll();
        Runnable wake;
        synchronized (driver) {
            wake = driver.laterTurns.remove(0);
            driver.laterDeadlines.remove(0);
        }
        wake.run(); // the driver fires it before the loop's clock reaches the deadline
        driver.runAll();
        assertTrue(log.isEmpty());
        assertEquals(1, driver.laterDeadlines.size(), "the loop asked for the deadline again");
        driver.advanceToNextDeadline();
        driver.runAll();
        assertEquals(List.of("due"), log);
    }

    @Test
    void aBusyLoopYieldsTheDriverThreadAfterABoundedTurn() {
        AtomicInteger runs = new AtomicInteger();
        Runnable[] spin = new Runnable[1];
        spin[0] = () -> {
            runs.incrementAndGet();
            loop.callSoon(spin[0]);
        };
        loop.callSoonThreadsafe(spin[0]);
        Runnable firstTurn;
        synchronized (driver) {
            firstTurn = driver.soon.pollFirst();
        }
        firstTurn.run();
        int afterOne = runs.get();
        assertTrue(afterOne > 1 && afterOne < 1000, "a turn runs several iterations, boundedly: " + afterOne);
        assertEquals(1, driver.pendingTurns(), "and asks for the next turn");
        loop.close();
        driver.runAll();
        assertEquals(afterOne, runs.get(), "a closed loop runs no more turns");
        assertTrue(driver.closed);
    }

    @Test
    void threadsafeSubmissionFromAnotherThreadRequestsATurn() throws Exception {
        Thread other = Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> log.add("from other")));
        other.join();
        assertEquals(1, driver.pendingTurns());
        driver.runAll();
        assertEquals(List.of("from other"), log);
    }

    @Test
    void submissionDuringATurnJoinsItInsteadOfRequestingAnOverlappingTurn() throws Exception {
        loop.callSoonThreadsafe(() -> {
            Thread other = Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> log.add("joined")));
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            log.add("turn pending=" + driver.pendingTurns());
        });
        driver.runAll();
        assertEquals(List.of("turn pending=0", "joined"), log);
    }

    @Test
    void turnsNeverOverlapOnAMultiThreadedDriver() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        EventLoop shared = EventLoop.createDriven(new LoopDriver() {
            @Override
            public void runSoon(Runnable turn) {
                pool.execute(turn);
            }

            @Override
            public Runnable runLater(Runnable turn, long delayNanos) {
                ScheduledFuture<?> f = pool.schedule(turn, delayNanos, TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        });
        try {
            int n = 4000;
            CountDownLatch done = new CountDownLatch(n);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            int[] unsynchronised = {0}; // only ever touched in turns: their publication makes it exact
            for (int p = 0; p < 4; p++) {
                producers.execute(() -> {
                    for (int i = 0; i < n / 4; i++) {
                        shared.callSoonThreadsafe(() -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            unsynchronised[0]++;
                            inside.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(1, maxInside.get());
            CompletableFuture<Integer> count = shared.submit(Coroutine.of(() -> unsynchronised[0]));
            assertEquals(n, count.get(30, TimeUnit.SECONDS));
        } finally {
            producers.shutdown();
            shared.close();
            pool.shutdown();
        }
    }

    @Test
    void theLoopIsRunByItsDriverNotByRunUntilCompleteOrRunForever() {
        Coroutine<Integer> coro = Coroutine.of(() -> 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(coro));
        assertTrue(e.getMessage().contains("driven event loop"), e.getMessage());
        assertThrows(IllegalStateException.class, loop::runForever);
        coro.close();
    }

    @Test
    void loopThreadOperationsOutsideATurnFailFast() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
        assertTrue(e.getMessage().contains("callSoonThreadsafe or submit"), e.getMessage());
        Coroutine<Integer> coro = Coroutine.of(() -> 1);
        assertThrows(IllegalStateException.class, () -> loop.createTask(coro));
        assertThrows(IllegalStateException.class, () -> loop.callLater(Duration.ZERO, () -> {}));
        coro.close();
    }

    @Test
    void closeInsideATurnFailsAndOutsideCancelsTheWakeupAndTellsTheDriver() {
        @Nullable Throwable[] inTurn = {null};
        loop.callSoonThreadsafe(() -> {
            loop.callLater(Duration.ofSeconds(1), () -> log.add("never"));
            try {
                loop.close();
            } catch (IllegalStateException expected) {
                inTurn[0] = expected;
            }
        });
        driver.runAll();
        assertEquals("Cannot close a running event loop", inTurn[0].getMessage());
        assertEquals(1, driver.laterDeadlines.size());
        loop.close();
        assertTrue(loop.isClosed());
        assertTrue(driver.closed);
        assertTrue(driver.laterDeadlines.isEmpty(), "the wakeup was cancelled");
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> {}));
        loop.close(); // a second close is a no-op
    }

    @Test
    void createDrivenRejectsANullDriver() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> EventLoop.createDriven(null));
        assertTrue(e.getMessage().contains("driver"));
    }

    @Test
    void currentTaskAndRunningLoopHoldInsideTurns() {
        Task<?>[] seen = new Task<?>[1];
        CompletableFuture<EventLoop> r = loop.submit(Coroutine.of(() -> {
            seen[0] = Aio.currentTask();
            await(sleep(Duration.ZERO));
            return Aio.getRunningLoop();
        }));
        driver.runAll();
        assertSame(loop, r.join());
        assertTrue(seen[0] != null && seen[0].done());
    }
}
