package dev.coflow.stream;

import dev.coflow.aio.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** An event loop running on its own daemon thread, for tests that touch it from other threads. */
public final class RunningLoop implements AutoCloseable {
    public final EventLoop loop = EventLoop.create();
    private final Thread thread;

    public RunningLoop() {
        thread = Thread.ofPlatform().daemon().name("test-loop").start(loop::runForever);
    }

    /** Runs {@code action} on the loop's thread and returns its result. */
    public <T> T call(Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.join();
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
