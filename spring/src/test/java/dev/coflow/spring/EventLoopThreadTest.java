package dev.coflow.spring;

import static dev.coflow.aio.Aio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventLoopThreadTest {

    @Test
    void submittedCoroutinesRunOnTheLoopThread() {
        try (EventLoopThread background = EventLoopThread.start("loop-under-test")) {
            CompletableFuture<EventLoop> ranOn = background.loop().submit(Coroutine.of(() -> {
                await(Aio.sleep(Duration.ofMillis(1)));
                return Aio.getRunningLoop();
            }));
            assertSame(background.loop(), ranOn.join());
            assertEquals("loop-under-test", background.thread().getName());
            assertTrue(background.thread().isDaemon(), "a forgotten close must not keep the JVM alive");
        }
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the tasks are seen through events: close cancels them
    void closeCancelsPendingTasksLetsThemCleanUpThenClosesTheLoop() throws InterruptedException {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        EventLoopThread background = EventLoopThread.start("loop-under-test");
        for (String name : List.of("a", "b")) {
            background.loop().submit(Coroutine.of(() -> {
                try {
                    started.countDown();
                    await(Aio.sleep(Duration.ofHours(1)));
                    events.add(name + " woke up");
                } catch (CancelledError e) {
                    events.add(name + " cancelled: " + e.args());
                    throw e;
                } finally {
                    events.add(name + " finally");
                }
                return null;
            }));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        background.close();
        assertFalse(background.thread().isAlive(), "the loop's thread ended");
        assertTrue(background.loop().isClosed());
        assertEquals(4, events.size(), events::toString);
        assertTrue(events.containsAll(List.of("a cancelled: [the event loop is shutting down]", "a finally",
                "b cancelled: [the event loop is shutting down]", "b finally")), events::toString);
        background.close(); // a second close only waits, and returns at once
    }

    @Test
    void closeFromTheLoopThreadFailsFast() {
        try (EventLoopThread background = EventLoopThread.start("loop-under-test")) {
            CompletableFuture<String> attempt = background.loop().submit(Coroutine.of(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, background::close);
                return e.getMessage();
            }));
            assertTrue(attempt.join().startsWith("An EventLoopThread cannot be closed from its own thread"));
        }
    }

    @SuppressWarnings("InfiniteRecursion") // on purpose: the StackOverflowError is what the test raises
    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void aCoroutineThatOverflowsItsStackFailsAloneAndLaterRequestsStillRun() {
        try (EventLoopThread background = EventLoopThread.start("loop-under-test")) {
            CompletableFuture<Integer> overflow = background.loop().submit(Coroutine.of(() -> recurse(0)));
            CompletionException e = assertThrows(CompletionException.class, overflow::join);
            assertInstanceOf(StackOverflowError.class, e.getCause());
            assertEquals("still served", background.loop().submit(Coroutine.of(() -> {
                await(Aio.sleep(Duration.ofMillis(1)));
                return "still served";
            })).join());
            assertTrue(background.thread().isAlive());
        }
    }
}
