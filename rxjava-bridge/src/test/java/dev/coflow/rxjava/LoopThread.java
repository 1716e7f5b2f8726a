package dev.coflow.rxjava;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.coflow.aio.EventLoop;

/** An event loop running on a thread of its own for the length of a test; closing stops and closes it. */
final class LoopThread implements AutoCloseable {
    final EventLoop loop = EventLoop.create();
    final Thread thread = Thread.ofPlatform().name("loop").start(loop::runForever);

    /**
     * The thread that runs the loop's callbacks: {@link #thread} itself, or on the virtual-thread engine
     * the virtual thread that runs the iterations for it (named the same).
     */
    Thread callbackThread() throws Exception {
        java.util.concurrent.CompletableFuture<Thread> t = new java.util.concurrent.CompletableFuture<>();
        loop.callSoonThreadsafe(() -> t.complete(Thread.currentThread()));
        return t.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Stops the loop, waits up to 10 s for its thread to end and closes it; an interrupt meanwhile fails the test. */
    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the loop's thread ended", e);
        }
        assertFalse(thread.isAlive(), "the loop stopped");
        loop.close();
    }
}
