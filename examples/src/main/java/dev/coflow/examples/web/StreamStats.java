package dev.coflow.examples.web;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one tagged stream's generator did: how many items it produced, whether its {@code finally} ran, and
 * whether that was because the client went away ({@code GeneratorExit} raised at its {@code yield}) or the
 * body failed. Served as JSON by {@code GET /streams/{tag}}.
 *
 * <p>Thread-safety: thread-safe; the generator updates it from whatever thread pulls it, readers read it
 * from any thread.
 *
 * <pre>{@code
 * StreamStats stats = metrics.stats("demo");
 * stats.produced();       // items yielded so far
 * stats.awaitEnd(Duration.ofSeconds(5));   // true once the generator's finally ran
 * }</pre>
 */
public final class StreamStats {

    private final AtomicLong produced = new AtomicLong();
    /** Tells the registry that the stream ended, so that it can drop the entry later. */
    private final Runnable endHook;
    private final CountDownLatch started = new CountDownLatch(1);
    /** Guards the waits of {@link #awaitProduced}; the generator notifies it only when someone waits. */
    private final Object progress = new Object();
    /** The least count awaited, else Long.MAX_VALUE; read without the lock by the generator (see onYield). */
    @GuardedBy("progress")
    private volatile long awaitedCount = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private volatile boolean failed;
    private final CountDownLatch ended = new CountDownLatch(1);

    StreamStats(Runnable endHook) {
        this.endHook = endHook;
    }

    /** Items the generator has yielded. */
    public long produced() {
        return produced.get();
    }

    /**
     * Whether the generator's body began to run. A stream whose client left before asking for its first
     * item never starts: its body, and so its {@code finally}, never runs, as a Python generator closed
     * before its first {@code next()}.
     */
    public boolean started() {
        return started.getCount() == 0;
    }

    /**
     * Waits at most {@code timeout} for the generator's body to begin; returns whether it did.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitStart(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the client went away mid-stream: the generator was closed at a {@code yield}. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Whether the generator's body raised. */
    public boolean failed() {
        return failed;
    }

    /** Whether the generator's {@code finally} block ran. */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /**
     * Waits at most {@code timeout} for the generator's {@code finally} block; returns whether it ran.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits at most {@code timeout} until the generator has produced {@code count} items; returns whether
     * it did. A test that expects a paused generator asserts that this returns false.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitProduced(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            for (;;) {
                // Announce the wait before reading the count: the generator increments before it reads
                // awaitedCount, so one of the two sees the other's write (both are volatile).
                awaitedCount = Math.min(awaitedCount, count);
                if (produced.get() >= count) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    void onStart() {
        started.countDown();
    }

    void onYield() {
        long count = produced.incrementAndGet();
        @SuppressWarnings("GuardedBy") // volatile, read after the increment: awaitProduced announces, then reads
        long awaited = awaitedCount;
        if (count >= awaited) {
            synchronized (progress) {
                awaitedCount = Long.MAX_VALUE;
                progress.notifyAll();
            }
        }
    }

    void onCancel() {
        cancelled = true;
    }

    void onFailure() {
        failed = true;
    }

    void onEnd() {
        ended.countDown();
        endHook.run();
    }
}
