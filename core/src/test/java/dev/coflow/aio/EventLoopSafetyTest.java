package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import dev.coflow.internal.engine.VirtualThreadEngine;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, items 3 to 5: a loop's queues belong to its own control flow, an error in one task ends only
 * that task, and what close() and runUntilComplete do when things go wrong. Runs on both engines.
 */
class EventLoopSafetyTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    // ---------------------------------------------------------------- 3. thread confinement

    @Test
    void aGeneratorResumedOnAForeignThreadCannotCallSoon() throws InterruptedException {
        EventLoop real = EventLoop.create();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            real.callSoon(() -> log.add("never runs"));
            y.yield(1);
            return null;
        });
        real.runUntilComplete(Coroutine.of(() -> {
            Thread foreign = Thread.ofPlatform().start(() -> {
                try {
                    g.next();
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            await(Aio.toThread(() -> {
                foreign.join();
                return null;
            }));
            await(sleep(Duration.ZERO));
            return null;
        }));
        real.close();
        assertInstanceOf(IllegalStateException.class, error.get());
        assertTrue(error.get().getMessage().startsWith("Non-thread-safe operation invoked on an event loop other"
                + " than the current one"), error.get().getMessage());
        assertEquals(List.of(), log);
    }

    @Test
    void aCoroutineOfOneLoopCannotCallSoonOnAnotherRunningLoop() throws Exception {
        EventLoop other = EventLoop.create();
        Thread otherThread = Thread.ofPlatform().start(other::runForever);
        try {
            other.submit(Coroutine.of(() -> 1)).get(30, TimeUnit.SECONDS); // it runs now
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(
                    Coroutine.of(() -> other.callSoon(() -> log.add("never runs")))));
            assertTrue(e.getMessage().startsWith("Non-thread-safe operation invoked on an event loop other than"
                    + " the current one"), e.getMessage());
            IllegalStateException task = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(
                    Coroutine.of(() -> other.createTask(Coroutine.of(() -> 1)))));
            assertTrue(task.getMessage().startsWith("Non-thread-safe operation"), task.getMessage());
            // Its own loop, and the other one through the thread-safe door, are fine.
            assertEquals("ran", loop.runUntilComplete(Coroutine.of(() -> {
                Future<String> f = loop.createFuture();
                loop.callSoon(() -> f.setResult("ran"));
                return await(f);
            })));
            assertEquals(2, loop.runUntilComplete(Coroutine.of(() -> await(other.submit(Coroutine.of(() -> 2))))));
        } finally {
            other.stop();
            otherThread.join();
            other.close();
        }
        assertEquals(List.of(), log);
    }

    @Test
    void bodiesOfThisLoopsTasksMayUseItOnEitherEngine() {
        assertEquals(List.of("soon", "later", "task"), loop.runUntilComplete(Coroutine.of(() -> {
            List<String> seen = new ArrayList<>();
            loop.callSoon(() -> seen.add("soon"));
            loop.callLater(Duration.ofSeconds(1), () -> seen.add("later"));
            await(sleep(Duration.ofSeconds(2)));
            await(loop.createTask(Coroutine.of(() -> seen.add("task"))));
            return seen;
        })));
    }

    // ---------------------------------------------------------------- 4. an error ends one task only

    @SuppressWarnings("InfiniteRecursion") // on purpose: the StackOverflowError is what the test raises
    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    /** Python's {@code async def f(n): return 0 if n == 0 else await f(n - 1) + 1}. */
    private static Coroutine<Integer> chain(int n) {
        return Coroutine.of(() -> n == 0 ? 0 : await(chain(n - 1)) + 1);
    }

    @Test
    void aStackOverflowInABodyFailsItsTaskAndTheLoopGoesOn() {
        Task<Integer> deep = loop.createTask(Coroutine.of(() -> recurse(0)));
        Task<String> other = loop.createTask(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            return "still running";
        }));
        assertEquals("still running", loop.runUntilComplete(other));
        assertInstanceOf(StackOverflowError.class, deep.exception());
        assertThrows(StackOverflowError.class, () -> loop.runUntilComplete(Coroutine.of(() -> recurse(0))));
        assertEquals(3, loop.runUntilComplete(Coroutine.of(() -> 3)));
    }

    @Test
    void errorsTheJvmSurvivesAreStoredOnTheTask() {
        List<Error> errors = List.of(new OutOfMemoryError("simulated"), new LinkageError("simulated"),
                new AssertionError("simulated"));
        for (Error error : errors) {
            Task<Object> t = loop.createTask(Coroutine.of(() -> {
                throw error;
            }));
            Task<String> next = loop.createTask(Coroutine.of(() -> "next"));
            assertEquals("next", loop.runUntilComplete(next));
            assertSame(error, t.exception());
        }
    }

    @Test
    void awaitsNestAtMostAThousandDeepThenRaiseRecursionErrorInTheTask() {
        assertEquals(1000, loop.runUntilComplete(chain(1000)));
        RuntimeException tooDeep = assertThrows(RuntimeException.class, () -> loop.runUntilComplete(chain(1001)));
        assertTrue(tooDeep.getMessage().startsWith("maximum recursion depth exceeded: 1000 coroutines already"
                + " await one another in Task-"), tooDeep.getMessage());
        // Python: asyncio.run(f(30000)) raises RecursionError, stored on the task; the loop goes on.
        Task<Integer> deep = loop.createTask(chain(30_000));
        assertEquals(10, loop.runUntilComplete(chain(10)));
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        assertTrue(deep.exception().getMessage().startsWith("maximum recursion depth exceeded"));
        // A body may catch it, as Python's RecursionError; the depth is counted back down.
        assertEquals("caught", loop.runUntilComplete(Coroutine.of(() -> {
            try {
                return String.valueOf(await(chain(5000)));
            } catch (RuntimeException e) {
                return "caught";
            }
        })));
        assertEquals(999, loop.runUntilComplete(chain(999)));
    }

    @Test
    void theSharedBackgroundLoopSurvivesAnOverflowingCoroutine() throws Exception {
        EventLoop shared = BackgroundLoop.shared();
        ExecutionException overflow = assertThrows(ExecutionException.class,
                () -> shared.submit(Coroutine.of(() -> recurse(0))).get(60, TimeUnit.SECONDS));
        assertInstanceOf(StackOverflowError.class, overflow.getCause());
        ExecutionException chained = assertThrows(ExecutionException.class,
                () -> shared.submit(chain(30_000)).get(60, TimeUnit.SECONDS));
        assertTrue(chained.getCause().getMessage().startsWith("maximum recursion depth exceeded"));
        assertEquals(42, shared.submit(Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(1)));
            return 42;
        })).get(60, TimeUnit.SECONDS));
        assertTrue(shared.isRunning());
    }

    // ---------------------------------------------------------------- 5a. after an error escaped

    @Test
    void afterAnErrorEscapedRunUntilCompleteTheNextRunWorksAndNothingIsReportedTwice() {
        List<Map<String, Object>> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        InternalError broken = new InternalError("the JVM says so");
        InternalError escaped = assertThrows(InternalError.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
            throw broken;
        })));
        assertSame(broken, escaped);
        assertEquals(2, loop.runUntilComplete(Coroutine.of(() -> 2)));
        // The same with the error raised by a callback in the batch that completes the future.
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> f.setResult("done"));
        loop.callSoon(() -> {
            throw new InternalError("in a callback");
        });
        assertThrows(InternalError.class, () -> loop.runUntilComplete(f));
        assertEquals("second", loop.runUntilComplete(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            return "second";
        })));
        loop.close();
        assertEquals(List.of(), reported);
    }

    // ---------------------------------------------------------------- 5b/5c. close with pending tasks

    @Test
    void closeEndsThePendingTasksTheirFinallyRunsAndCancelReportsFalse() throws Exception {
        Future<String> never = loop.createFuture();
        Task<String> waiting = loop.createTask(Coroutine.of(() -> {
            try {
                return await(never);
            } finally {
                log.add("finally of waiting");
            }
        }), "waiting");
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        Task<String> unstarted = loop.createTask(Coroutine.of(() -> {
            log.add("never started");
            return "x";
        }), "unstarted");
        List<String> doneCallbacks = new ArrayList<>();
        waiting.addDoneCallback(t -> doneCallbacks.add("waiting " + waiting.state()));
        loop.close();
        assertEquals(List.of("finally of waiting"), log);
        assertEquals(List.of("waiting CANCELLED"), doneCallbacks);
        for (Task<String> t : List.of(waiting, unstarted)) {
            assertEquals(TaskState.CANCELLED, t.state());
            assertFalse(t.cancel());
            assertEquals("the event loop was closed with the task pending",
                    assertThrows(CancelledError.class, t::result).getMessage());
        }
        assertEquals(0, loop.allTasks().size());
    }

    @Test
    void aSubmitFuturePendingAtCloseCompletesAsCancelled() throws Exception {
        EventLoop real = EventLoop.create();
        CompletableFuture<String> answer = real.submit(Coroutine.of(() -> await(real.<String>createFuture())));
        real.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        real.close();
        assertTrue(answer.isCancelled());
        assertThrows(CancellationException.class, answer::join);
    }

    @Test
    void aFinallyThatFailsOrAwaitsAgainAtCloseIsReported() {
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx.get("message") + ": "
                + ((Throwable) ctx.get("exception")).getMessage()));
        loop.createTask(Coroutine.of(() -> {
            try {
                return await(loop.createFuture());
            } finally {
                loop.callSoon(() -> { }); // the loop is closed already
            }
        }), "calls");
        loop.createTask(Coroutine.of(() -> {
            try {
                return await(loop.createFuture());
            } finally {
                await(sleep(Duration.ZERO));
            }
        }), "awaits");
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        loop.close();
        assertEquals(2, reported.size(), reported.toString());
        assertTrue(reported.stream().anyMatch(r -> r.contains("name='calls'") && r.endsWith("Event loop is closed")),
                reported.toString());
        assertTrue(reported.stream().anyMatch(r -> r.contains("name='awaits'") && r.endsWith("ignored GeneratorExit")),
                reported.toString());
    }

    @Test
    void closingALoopReleasesTheFibersOfItsPendingTasks() {
        int n = 20_000;
        int before = VirtualThreadEngine.liveFibers();
        EventLoop dropped = EventLoop.createVirtualTime();
        Future<Object> never = dropped.createFuture();
        int[] finallies = {0};
        for (int i = 0; i < n; i++) {
            dropped.createTask(Coroutine.of(() -> {
                try {
                    return await(never);
                } finally {
                    finallies[0]++;
                }
            }));
        }
        dropped.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        int during = VirtualThreadEngine.liveFibers();
        dropped.close();
        int after = VirtualThreadEngine.liveFibers();
        assertEquals(n, finallies[0]);
        assertEquals(0, dropped.allTasks().size());
        if (dev.coflow.internal.engine.Engines.engine().name().equals("virtual")) {
            assertTrue(during - after >= n, "fibers released by close: " + (during - after));
        }
        assertTrue(after <= before, "live fibers before " + before + ", after close " + after);
    }

    @Test
    void aClosedLoopIsCollectedOnceDroppedWhateverItsTasksWereDoing() {
        WeakReference<EventLoop> dropped = closedLoopWithTasksInEveryState();
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
        }
        assertNull(dropped.get(), "nothing holds a closed loop once it is dropped");
    }

    private static WeakReference<EventLoop> closedLoopWithTasksInEveryState() {
        EventLoop l = EventLoop.createVirtualTime();
        Future<Object> never = l.createFuture();
        l.createTask(Coroutine.of(() -> await(never)));
        Task<Integer> cancelledBeforeItsFirstStep = l.createTask(Coroutine.of(() -> 1));
        cancelledBeforeItsFirstStep.cancel();
        l.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ZERO))));
        l.createTask(Coroutine.of(() -> 2)); // never started
        l.close();
        return new WeakReference<>(l);
    }

    // ---------------------------------------------------------------- 5d. callSoonThreadsafe keeps the order

    @Test
    void callSoonThreadsafeFromACoroutineQueuesBehindEarlierCallSoons() {
        loop.runUntilComplete(Coroutine.of(() -> {
            loop.callSoon(() -> log.add("a"));
            loop.callSoonThreadsafe(() -> log.add("b"));
            loop.callSoon(() -> log.add("c"));
            await(sleep(Duration.ZERO));
            await(sleep(Duration.ZERO));
            return null;
        }));
        assertEquals(List.of("a", "b", "c"), log); // Python 3.11 prints ['a', 'b', 'c']
    }
}
