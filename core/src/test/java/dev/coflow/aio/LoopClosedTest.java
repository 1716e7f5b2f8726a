package dev.coflow.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Asking instead of catching: a closed loop refuses work with its own error type (Python's
 * {@code RuntimeError('Event loop is closed')}), {@code offerThreadsafe} says whether a callback was
 * taken, and {@code Aio.getRunningLoopOrNull} (Python's {@code _get_running_loop}) says whether a loop
 * runs the caller.
 */
class LoopClosedTest {

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // each call is made to be refused: it returns no future
    void aClosedLoopRefusesWorkWithEventLoopClosedErrorAnIllegalStateException() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.close();
        List<Runnable> calls = List.of(
                () -> loop.callSoon(() -> {}),
                () -> loop.callSoonThreadsafe(() -> {}),
                () -> loop.callLater(Duration.ofSeconds(1), () -> {}),
                () -> loop.createFuture(),
                () -> loop.createTask(Coroutine.of(() -> 1)),
                () -> loop.submit(Coroutine.of(() -> 1)),
                loop::runForever);
        for (Runnable call : calls) {
            EventLoopClosedError e = assertThrows(EventLoopClosedError.class, call::run);
            assertEquals("Event loop is closed", e.getMessage());
            assertInstanceOf(IllegalStateException.class, e);
        }
    }

    @Test
    void aReusedCoroutineIsAPlainIllegalStateExceptionNotAClosedLoop() {
        EventLoop loop = EventLoop.createVirtualTime();
        try {
            Coroutine<Integer> coro = Coroutine.of(() -> 1);
            assertEquals(1, loop.runUntilComplete(coro));
            IllegalStateException reused = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(loop.createTask(coro)));
            assertFalse(reused instanceof EventLoopClosedError);
            assertEquals("cannot reuse already awaited coroutine", reused.getMessage());
        } finally {
            loop.close();
        }
    }

    @Test
    void offerThreadsafeRunsTheCallbackOnAnOpenLoopAndRefusesItOnAClosedOne() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<String> ran = new ArrayList<>();
        assertTrue(loop.offerThreadsafe(() -> ran.add("taken")));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("taken"), ran);

        loop.close();

        assertFalse(loop.offerThreadsafe(() -> ran.add("refused")));
        assertEquals(List.of("taken"), ran);
    }

    @Test
    void offerThreadsafeFromAnotherThreadWakesTheLoop() throws Exception {
        EventLoop loop = EventLoop.create();
        CompletableFuture<Boolean> offered = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> offered.complete(loop.offerThreadsafe(loop::stop)));
        loop.runForever(); // returns once the offered stop ran
        loop.close();
        assertTrue(offered.get(60, TimeUnit.SECONDS));
    }

    @Test
    void getRunningLoopOrNullIsNullOutsideALoopAndTheLoopInsideOne() {
        assertNull(Aio.getRunningLoopOrNull());
        EventLoop loop = EventLoop.createVirtualTime();
        List<@Nullable EventLoop> seen = new ArrayList<>();
        try {
            loop.callSoon(() -> seen.add(Aio.getRunningLoopOrNull()));
            loop.runUntilComplete(Coroutine.<@Nullable Void>of(() -> {
                seen.add(Aio.getRunningLoopOrNull());
                return null;
            }));
        } finally {
            loop.close();
        }
        assertEquals(2, seen.size());
        assertSame(loop, seen.get(0));
        assertSame(loop, seen.get(1));
        assertNull(Aio.getRunningLoopOrNull());
    }
}
