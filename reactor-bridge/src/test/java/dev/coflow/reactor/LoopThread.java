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

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        thread.join();
        loop.close();
    }
}
