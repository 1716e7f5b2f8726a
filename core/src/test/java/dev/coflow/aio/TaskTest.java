package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> out = new ArrayList<>();

    private static String state(Future<?> f) {
        return f.cancelled() ? "CANCELLED" : f.done() ? "FINISHED" : "PENDING";
    }

    /** Seed 09: create the coroutine, make a task, get a loop, run until complete. */
    @Test
    @SuppressWarnings({"BadInstanceof", "ObjectToString"}) // the seed's lines: is a Future: True, result=None
    void seedHelloWorldThroughTheFourSteps() {
        Coroutine<Void> coroutine = Coroutine.of("hello", () -> {
            out.add("Hello, World");
            out.add("  inside hello: task state " + Aio.currentTask().state());
            return null;
        });
        Task<Void> task = loop.createTask(coroutine);
        out.add("task created: state=" + state(task) + " done=" + task.done() + " cancelled=" + task.cancelled());
        out.add("is a Future: " + (task instanceof Future<?>));
        loop.runUntilComplete(task);
        out.add("task run: state=" + state(task) + " done=" + task.done() + " cancelled=" + task.cancelled()
                + " result=" + task.result());
        loop.close();
        assertEquals(List.of(
                "task created: state=PENDING done=false cancelled=false",
                "is a Future: true",
                "Hello, World",
                "  inside hello: task state RUNNING",
                "task run: state=FINISHED done=true cancelled=false result=null"), out);
    }

    @Test
    void seedPlainFutureSetByACallback() {
        Future<String> fut = loop.createFuture();
        assertEquals("PENDING", state(fut));
        loop.callSoon(() -> fut.setResult("set by a callback"));
        assertEquals("set by a callback", loop.runUntilComplete(fut));
        assertEquals("FINISHED", state(fut));
    }

    private Coroutine<String> sleepFor(int seconds) {
        return Coroutine.of("_sleep", () -> {
            await(sleep(Duration.ofSeconds(seconds)));
            return "Slept for " + seconds + " seconds!";
        });
    }

    /** Seed 12: _sleep with task.result() and addDoneCallback. */
    @Test
    void e17_e18_seedSleepWithResultAndDoneCallbacks() {
        Task<String> task = Aio.ensureFuture(sleepFor(2), loop) instanceof Task<?> t ? castTask(t) : null;
        InvalidStateError early = assertThrows(InvalidStateError.class, task::result);
        out.add("result() before the task is done: InvalidStateError: " + early.getMessage());
        double start = loop.time();
        loop.runUntilComplete(task);
        out.add("Time: " + Math.round(loop.time() - start));
        out.add("Result: " + task.result());

        Task<String> second = loop.createTask(sleepFor(2));
        second.addDoneCallback(f -> out.add("Callback: the result is " + f.result()));
        second.addDoneCallback(f -> out.add("Callback two: done=" + f.done() + " cancelled=" + f.cancelled()));
        loop.runUntilComplete(second);
        out.add("run_until_complete returned after the callbacks ran");
        loop.close();

        String result = Aio.run(Coroutine.of(() -> {
            Task<String> t = Aio.createTask(sleepFor(1));
            t.addDoneCallback(f -> out.add("Callback: the result is " + f.result()));
            String r = await(t);
            out.add("main awaited: " + r);
            return r;
        }), EventLoop::createVirtualTime);
        assertEquals("Slept for 1 seconds!", result);
        assertEquals(List.of(
                "result() before the task is done: InvalidStateError: Result is not set.",
                "Time: 2",
                "Result: Slept for 2 seconds!",
                "Callback: the result is Slept for 2 seconds!",
                "Callback two: done=true cancelled=false",
                "run_until_complete returned after the callbacks ran",
                "Callback: the result is Slept for 1 seconds!",
                "main awaited: Slept for 1 seconds!"), out);
    }

    @SuppressWarnings("unchecked")
    private static <T> Task<T> castTask(Task<?> t) {
        return (Task<T>) t;
    }

    /** Seed 16: the four task states, observed at the right moments. */
    @Test
    void e46_e47_seedTaskStates() {
        Coroutine<Void> main = Coroutine.of(() -> {
            Task<String> task = Aio.createTask(hello());
            show("created (Pending)", task);
            await(sleep(Duration.ZERO));
            show("suspended in await", task);
            await(task);
            show("finished (Done)", task);
            out.add("result: " + task.result());
            out.add("cancel() on a done task: " + task.cancel());

            Task<String> cancelled = Aio.createTask(hello());
            await(sleep(Duration.ZERO));
            out.add("cancel(): " + cancelled.cancel());
            show("right after cancel()", cancelled);
            try {
                await(cancelled);
            } catch (CancelledError e) {
                out.add("awaiting it raised CancelledError");
            }
            show("cancelled", cancelled);
            assertThrows(CancelledError.class, cancelled::result);

            Task<Object> boom = Aio.createTask(Coroutine.of(() -> {
                throw new IllegalArgumentException("boom");
            }));
            while (!boom.done()) {
                await(sleep(Duration.ZERO));
            }
            show("raised", boom);
            out.add("exception(): " + boom.exception());
            return null;
        });
        loop.runUntilComplete(main);
        assertEquals(List.of(
                "created (Pending): PENDING",
                "Running in the loop...",
                "  while running: RUNNING",
                "suspended in await: PENDING",
                "Stop the loop",
                "finished (Done): DONE",
                "result: hello result",
                "cancel() on a done task: false",
                "Running in the loop...",
                "  while running: RUNNING",
                "cancel(): true",
                "right after cancel(): PENDING",
                "awaiting it raised CancelledError",
                "cancelled: CANCELLED",
                "raised: DONE",
                "exception(): java.lang.IllegalArgumentException: boom"), out);
    }

    private Coroutine<String> hello() {
        return Coroutine.of("hello", () -> {
            out.add("Running in the loop...");
            show("  while running", Aio.currentTask());
            await(sleep(Duration.ofSeconds(1)));
            out.add("Stop the loop");
            return "hello result";
        });
    }

    private void show(String label, Task<?> task) {
        out.add(label + ": " + task.state());
    }

    @Test
    void e19_tasksDoNotStartAtCreationAndTheirFirstStepsRunInCreationOrder() {
        loop.runUntilComplete(Coroutine.of(() -> {
            for (String name : List.of("t1", "t2")) {
                Aio.createTask(Coroutine.of(() -> {
                    out.add(name + " started");
                    await(sleep(Duration.ZERO));
                    out.add(name + " resumed");
                    return null;
                }));
            }
            out.add("created");
            await(sleep(Duration.ofSeconds(1)));
            return null;
        }));
        assertEquals(List.of("created", "t1 started", "t2 started", "t1 resumed", "t2 resumed"), out);
    }

    @Test
    void e20_namesCurrentTaskAndAllTasks() {
        Task<Object> a = loop.createTask(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1), 1))));
        Task<Object> b = loop.createTask(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1), 2))), "worker");
        assertTrue(a.getName().matches("Task-\\d+"), a.getName());
        long n = Long.parseLong(a.getName().substring(5));
        Task<Object> c = loop.createTask(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1), 3))));
        assertEquals("Task-" + (n + 2), c.getName());
        assertEquals("worker", b.getName());
        b.setName("renamed");
        assertEquals("renamed", b.getName());
        Set<Task<?>> seen = loop.runUntilComplete(Coroutine.of(() -> {
            assertSame(Aio.getRunningLoop(), loop);
            return Aio.allTasks();
        }));
        assertTrue(seen.containsAll(List.of(a, b, c)));
        assertEquals(1, seen.stream().filter(t -> !List.of(a, b, c).contains(t)).count());
        assertNull(loop.runUntilComplete(Coroutine.of(() -> {
            Object[] inCallback = new Object[1];
            loop.callSoon(() -> inCallback[0] = Aio.currentTask());
            await(sleep(Duration.ZERO));
            return inCallback[0];
        })));
    }

    @Test
    void e21_e22_ensureFuture() {
        Future<Object> f = loop.createFuture();
        assertSame(f, Aio.ensureFuture(f, loop));
        Coroutine<Integer> coro = Coroutine.of(() -> 5);
        Future<Integer> t = Aio.ensureFuture(coro, loop);
        assertTrue(t instanceof Task<?> task && task.getCoro() == coro);
        assertEquals(5, loop.runUntilComplete(t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aio.ensureFuture(123, loop));
        assertTrue(e.getMessage().startsWith("An asyncio.Future, a coroutine or an awaitable is required"));
        Future<String> wrapped = Aio.ensureFuture(java.util.concurrent.CompletableFuture.completedFuture("cf"), loop);
        assertEquals("cf", loop.runUntilComplete(wrapped));
    }

    @Test
    void e23_createTaskNeedsARunningLoopUnlessCalledOnTheLoop() {
        Coroutine<Integer> coro = Coroutine.of(() -> 1);
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, () -> Aio.createTask(coro)).getMessage());
        assertEquals(1, loop.runUntilComplete(loop.createTask(coro)));
    }

    @Test
    void d21_getRunningLoopAndCurrentTaskOutsideALoop() {
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, Aio::getRunningLoop).getMessage());
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, Aio::currentTask).getMessage());
    }

    @Test
    void e45_anAwaitChainRunsInsideOneTask() {
        Coroutine<Task<?>> inner = Coroutine.of(() -> Aio.currentTask());
        assertTrue(Aio.run(Coroutine.of(() -> Aio.currentTask() == await(inner))));
    }

    @Test
    void e52_doneCallbacksRegisteredBeforeTheAwaitRunBeforeTheAwaiterResumes() {
        loop.runUntilComplete(Coroutine.of(() -> {
            Task<Object> t = Aio.createTask(Coroutine.of(() -> {
                await(sleep(Duration.ZERO));
                return null;
            }));
            t.addDoneCallback(f -> out.add("callback"));
            await(t);
            out.add("awaiter resumed");
            return null;
        }));
        assertEquals(List.of("callback", "awaiter resumed"), out);
    }

    @Test
    void d12_aTaskAwaitedTwiceReturnsTheSameResultTwice() {
        assertEquals(List.of("r", "r"), loop.runUntilComplete(Coroutine.of(() -> {
            Task<String> t = Aio.createTask(Coroutine.of(() -> "r"));
            return List.of(await(t), await(t));
        })));
    }

    @Test
    void d27_aTaskAwaitingItselfFails() {
        Task<?>[] self = new Task<?>[1];
        self[0] = loop.createTask(Coroutine.of(() -> await(self[0])));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(self[0]));
        assertTrue(e.getMessage().startsWith("Task cannot await on itself: "), e.getMessage());
    }

    @Test
    void taskDoesNotSupportSetResult() {
        Task<Integer> t = loop.createTask(Coroutine.of(() -> 1));
        assertThrows(UnsupportedOperationException.class, () -> t.setResult(2));
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        loop.runUntilComplete(t);
    }

    @Test
    void e30_e31_runCancelsLeftoverTasksAndAwaitsTheirCleanup() {
        String r = Aio.run(Coroutine.of(() -> {
            Aio.createTask(Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofHours(1)));
                } finally {
                    out.add("cleanup starts");
                    await(sleep(Duration.ZERO));
                    out.add("cleanup ends");
                }
                return null;
            }));
            await(sleep(Duration.ZERO));
            return "main";
        }));
        assertEquals("main", r);
        assertEquals(List.of("cleanup starts", "cleanup ends"), out);
    }

    @Test
    void e32_runOfARunningLoopFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> Aio.run(Coroutine.of(() -> 1)))));
        assertEquals("Aio.run() cannot be called from a running event loop", e.getMessage());
        assertFalse(loop.isRunning());
    }

    @Test
    void e18_e48_taskStringShowsNameAndState() {
        Task<Integer> t = loop.createTask(Coroutine.of("work", () -> 7), "T");
        assertTrue(t.toString().startsWith("<Task pending name='T' coro=<coroutine object work"), t.toString());
        loop.runUntilComplete(t);
        assertTrue(t.toString().startsWith("<Task finished result=7 name='T'"), t.toString());
    }

    /** E18, E48: 3.11's repr says "cancelling" while a cancel request is pending and the task not done. */
    @Test
    void e18_e48_aTaskAskedToCancelShowsCancellingUntilDone() {
        Task<Void> t = loop.createTask(Coroutine.of("slow", () -> await(sleep(Duration.ofSeconds(10)))), "T");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(t.toString().startsWith("<Task pending name='T'"), t.toString());
        t.cancel();
        assertEquals(1, t.cancelling());
        assertTrue(t.toString().startsWith("<Task cancelling name='T' coro=<coroutine object slow"), t.toString());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.toString().startsWith("<Task cancelled name='T'"), t.toString());
    }
}
