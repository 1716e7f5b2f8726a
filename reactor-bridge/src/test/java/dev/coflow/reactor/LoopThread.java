package dev.coflow.reactor;

import dev.coflow.aio.EventLoop;

/** An event loop running on its own thread for the length of a test. */
final class LoopThread implements AutoCloseable {
    final EventLoop loop;
    final Thread thread;

    LoopThread(EventLoop loop) {
        this.loop = loop;
        thread = Thread.ofPlatform().daemon().name("test-loop").start(loop::runForever);
    }

    LoopThread() {
        this(EventLoop.create());
    }

    /**
     * The thread that runs the loop's callbacks: {@link #thread} itself, or on the virtual-thread engine
     * the virtual thread that runs the iterations for it (named the same).
     */
    Thread callbackThread() throws InterruptedException {
        java.util.concurrent.CompletableFuture<Thread> t = new java.util.concurrent.CompletableFuture<>();
        loop.callSoonThreadsafe(() -> t.complete(Thread.currentThread()));
        try {
            return t.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the loop did not run a callback", e);
        }
    }

    /** Stops the loop, waits for its thread to end and closes it; an interrupt meanwhile fails the test. */
    @Override
    public void close() {
        loop.stop();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the loop's thread ended", e);
        }
        loop.close();
    }
}
