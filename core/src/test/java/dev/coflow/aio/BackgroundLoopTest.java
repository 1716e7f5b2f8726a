package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared background loop's threads and lifecycle: shutdown, a fresh loop after it, a custom factory. */
class BackgroundLoopTest {

    @AfterEach
    void restoreTheDefaultLoop() {
        BackgroundLoop.resetFactory();
    }

    /** The name and daemon flag of the thread that runs the loop's callbacks. */
    private static String loopThread(EventLoop loop) throws Exception {
        CompletableFuture<String> where = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> where.complete(
                Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " (daemon)" : "")));
        return where.get(60, TimeUnit.SECONDS);
    }

    @Test
    void theSharedLoopRunsOnTheDaemonThreadCoflowBackgroundLoop() throws Exception {
        EventLoop shared = BackgroundLoop.shared();
        assertSame(shared, BackgroundLoop.shared());
        assertEquals("coflow-background-loop (daemon)", loopThread(shared));
        assertTrue(shared.isRunning());
    }

    @Test
    void shutdownStopsAndClosesTheLoopAndTheNextUseStartsAFreshOne() throws Exception {
        EventLoop first = BackgroundLoop.shared();
        assertEquals(1, first.submit(Coroutine.of(() -> 1)).get(60, TimeUnit.SECONDS));

        BackgroundLoop.shutdown();

        assertTrue(first.isClosed());
        assertFalse(first.offerThreadsafe(() -> {}));
        assertThrows(EventLoopClosedError.class, () -> first.submit(Coroutine.of(() -> 2)));
        EventLoop second = BackgroundLoop.shared();
        assertNotSame(first, second);
        assertEquals(3, second.submit(Coroutine.of(() -> 3)).get(60, TimeUnit.SECONDS));
        assertEquals("coflow-background-loop (daemon)", loopThread(second));
        BackgroundLoop.shutdown();
        BackgroundLoop.shutdown(); // a second shutdown finds no loop: a no-op
        assertTrue(second.isClosed());
    }

    @Test
    void shutdownEndsATaskStillPendingAndItsFinallyBlocksRun() throws Exception {
        EventLoop loop = BackgroundLoop.shared();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> cleanedUp = new CompletableFuture<>();
        CompletableFuture<@Nullable Void> result = loop.submit(Coroutine.<@Nullable Void>of(() -> {
            try {
                started.countDown();
                await(Aio.getRunningLoop().createFuture()); // never completed
                return null;
            } finally {
                cleanedUp.complete("finally ran");
            }
        }));
        assertTrue(started.await(60, TimeUnit.SECONDS));

        BackgroundLoop.shutdown();

        assertEquals("finally ran", cleanedUp.get(60, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> result.get(60, TimeUnit.SECONDS));
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the loop stops after the step: the latch tells it ran
    void shutdownFromACoroutineOfTheLoopReturnsAtOnceAndTheLoopStopsAfterTheStep() throws Exception {
        EventLoop loop = BackgroundLoop.shared();
        CountDownLatch returned = new CountDownLatch(1);
        loop.submit(Coroutine.<@Nullable Void>of(() -> {
            BackgroundLoop.shutdown(); // cannot wait for the loop it runs on
            returned.countDown();
            return null;
        }));
        assertTrue(returned.await(60, TimeUnit.SECONDS));
        assertNotSame(loop, BackgroundLoop.shared());
    }

    @Test
    void setFactoryReplacesTheLoopAndItsThreadAndResetFactoryRestoresTheDefault() throws Exception {
        EventLoop before = BackgroundLoop.shared();

        BackgroundLoop.setFactory(EventLoop::createVirtualTime,
                Thread.ofPlatform().name("test-background-loop").daemon().factory());

        assertTrue(before.isClosed());
        EventLoop custom = BackgroundLoop.shared();
        assertTrue(custom.isVirtualTime());
        assertEquals("test-background-loop (daemon)", loopThread(custom));
        // A virtual-time loop jumps its clock: an hour's sleep is done at once.
        assertEquals(3600.0, custom.submit(Coroutine.of(() -> {
            await(sleep(Duration.ofHours(1)));
            return Aio.getRunningLoop().time();
        })).get(60, TimeUnit.SECONDS));

        BackgroundLoop.resetFactory();

        assertTrue(custom.isClosed());
        EventLoop restored = BackgroundLoop.shared();
        assertFalse(restored.isVirtualTime());
        assertEquals("coflow-background-loop (daemon)", loopThread(restored));
    }

    @Test
    void runningOrSharedIsTheRunningLoopInsideOneAndTheSharedLoopOutside() throws Exception {
        EventLoop loop = EventLoop.createVirtualTime();
        try {
            assertSame(loop, loop.runUntilComplete(Coroutine.of(BackgroundLoop::runningOrShared)));
        } finally {
            loop.close();
        }
        assertSame(BackgroundLoop.shared(), BackgroundLoop.runningOrShared());
    }
}
