package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.GeneratorState;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** G10-G12: the event loop finalizes the async generators it iterated; traces come from CPython 3.11. */
class AsyncGeneratorFinalizationTest {

    private final List<String> log = new ArrayList<>();

    private static void tick() {
        await(sleep(Duration.ZERO));
    }

    /** Python: try: yield 1; yield 2  finally: log; await sleep(0); log. */
    private AsyncGenerator<Integer> closingSlowly() {
        return AsyncGenerator.of("closingSlowly", y -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                log.add("finally start");
                tick();
                log.add("finally end");
            }
        });
    }

    /**
     * CPython: ['first 1', 'main done', 'bg cancelled', 'finally start', 'finally end', 'run returned']:
     * asyncio.run cancels the leftover tasks, then closes the live async generators, then returns.
     */
    @Test
    void g12_runClosesLiveAsyncGeneratorsAfterCancellingTasksAndBeforeReturning() {
        AsyncGenerator<Integer> kept = closingSlowly();
        Aio.run(Coroutine.of(() -> {
            log.add("first " + await(kept.anext()));
            createTask(Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofSeconds(10)));
                } finally {
                    log.add("bg cancelled");
                }
                return null;
            }));
            tick();
            log.add("main done");
            return null;
        }), EventLoop::createVirtualTime);
        log.add("run returned");
        assertEquals(List.of("first 1", "main done", "bg cancelled", "finally start", "finally end",
                "run returned"), log);
        assertEquals(GeneratorState.CLOSED, kept.state());
    }

    @Test
    void g12_shutdownAsyncgensClosesEachLiveGeneratorInItsOwnTaskAndSkipsClosedOnes() {
        EventLoop loop = EventLoop.createVirtualTime();
        AsyncGenerator<Integer> a = closingSlowly();
        AsyncGenerator<Integer> b = AsyncGenerator.of(y -> {
            try {
                y.yield(1);
            } finally {
                log.add("b finally in " + Aio.currentTask().getName());
            }
        });
        AsyncGenerator<Integer> exhausted = AsyncGenerator.of(y -> y.yield(1));
        AsyncGenerator<Integer> neverIterated = closingSlowly();
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
            await(a.anext());
            await(b.anext());
            await(exhausted.anext());
            await(exhausted.anext(0));
            return null;
        }), "main"));
        loop.runUntilComplete(loop.shutdownAsyncgens());
        // gather starts both closers before either finishes: a's finally awaits, b's runs meanwhile.
        assertEquals(List.of("finally start", "b finally in Task-", "finally end"),
                log.stream().map(s -> s.replaceAll("Task-\\d+", "Task-")).toList());
        assertEquals(GeneratorState.CLOSED, a.state());
        assertEquals(GeneratorState.CLOSED, b.state());
        assertEquals(GeneratorState.CREATED, neverIterated.state());
        loop.close();
    }

    @Test
    void g12_aFailureWhileClosingGoesToTheExceptionHandler() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<Map<String, Object>> reported = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reported.add(context));
        IOException boom = new IOException("boom");
        @SuppressWarnings("finally") // the body raises in its finally, the failure under test
        AsyncGenerator<Integer> failing = AsyncGenerator.of("failing", y -> {
            try {
                y.yield(1);
            } finally {
                throw boom;
            }
        });
        loop.runUntilComplete(Coroutine.of(() -> await(failing.anext())));
        loop.runUntilComplete(loop.shutdownAsyncgens());
        assertEquals(1, reported.size());
        assertEquals("an error occurred during closing of asynchronous generator <async_generator failing CLOSED>",
                reported.get(0).get("message"));
        assertSame(boom, reported.get(0).get("exception"));
        assertNotNull(reported.get(0).get("asyncgen"));
        loop.close();
    }

    @Test
    void g12_iteratingAfterShutdownIsReported() {
        EventLoop loop = EventLoop.createVirtualTime();
        try (LogCapture logs = LogCapture.start()) {
            loop.runUntilComplete(loop.shutdownAsyncgens());
            AsyncGenerator<Integer> late = AsyncGenerator.of("late", y -> y.yield(1));
            loop.runUntilComplete(Coroutine.of(() -> await(late.anext())));
            assertEquals(List.of("asynchronous generator <async_generator late CREATED> was scheduled after"
                    + " loop.shutdownAsyncgens() call"), logs.messages());
        }
        loop.close();
    }

    /** Python binds a generator to the loop whose hooks saw its first iteration; so does Coflow. */
    @Test
    void g10_anAsyncGeneratorBelongsToTheLoopThatFirstIteratesIt() {
        EventLoop first = EventLoop.createVirtualTime();
        EventLoop second = EventLoop.createVirtualTime();
        AsyncGenerator<Integer> ag = closingSlowly();
        first.runUntilComplete(Coroutine.of(() -> await(ag.anext())));
        assertEquals(2, second.runUntilComplete(Coroutine.of(() -> await(ag.anext()))));
        second.runUntilComplete(second.shutdownAsyncgens());
        assertEquals(GeneratorState.SUSPENDED, ag.state());
        first.runUntilComplete(first.shutdownAsyncgens());
        assertEquals(GeneratorState.CLOSED, ag.state());
        assertEquals(List.of("finally start", "finally end"), log);
        first.close();
        second.close();
    }

    /**
     * CPython closes a dropped suspended async generator in a task a few iterations later (G11). Here the
     * garbage collector decides when the generator counts as dropped; then its finally runs in a new task on
     * its loop, and it may await there.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void g11_aDroppedSuspendedAsyncGeneratorIsClosedByATaskOnItsLoop() {
        EventLoop loop = EventLoop.createVirtualTime();
        AsyncEvent closed = new AsyncEvent();
        List<Task<?>> closers = new ArrayList<>();
        Task<WeakReference<AsyncGenerator<Integer>>> main = loop.createTask(Coroutine.of(() -> {
            AsyncGenerator<Integer> ag = AsyncGenerator.of(y -> {
                try {
                    y.yield(1);
                    y.yield(2);
                } finally {
                    log.add("finally start");
                    closers.add(Aio.currentTask());
                    tick();
                    log.add("finally end");
                    closed.set();
                }
            });
            log.add("first " + await(ag.anext()));
            return new WeakReference<>(ag);
        }), "main");
        WeakReference<AsyncGenerator<Integer>> ref = loop.runUntilComplete(main);
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "the dropped async generator was never collected");
        log.add("dropped");
        // The loop waits (virtual time, nothing scheduled) until the cleaner hands it the closing task.
        loop.runUntilComplete(Coroutine.of(() -> await(closed.waitSet())));
        assertEquals(List.of("first 1", "dropped", "finally start", "finally end"), log);
        assertEquals(1, closers.size());
        assertNotSame(main, closers.get(0));
        assertTrue(closers.get(0).done());
        loop.close();
    }

    @Test
    void g11_aDroppedGeneratorThatWasNeverIteratedOrIsClosedRunsNothing() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<WeakReference<?>> refs = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            AsyncGenerator<Integer> finished = closingSlowly();
            await(finished.anext());
            await(finished.aclose());
            refs.add(new WeakReference<>(finished));
            refs.add(new WeakReference<>(closingSlowly()));
            return null;
        }));
        for (int i = 0; i < 50 && refs.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
        }
        assertTrue(refs.stream().allMatch(r -> r.get() == null), "the generators were never collected");
        loop.runUntilComplete(Coroutine.of(() -> {
            for (int i = 0; i < 5; i++) {
                tick();
            }
            return null;
        }));
        assertEquals(List.of("finally start", "finally end"), log);
        loop.close();
    }
}
