package dev.coflow.aio;

import java.util.ArrayDeque;

/**
 * A counter of permits for coroutines: Python's {@code asyncio.Semaphore}. {@link #acquire()} takes a
 * permit, suspending while there is none; {@link #release()} gives one back and wakes the first waiter
 * (FIFO). Releasing more often than acquiring is allowed and raises the count; use
 * {@link AsyncBoundedSemaphore} to forbid it. A waiter cancelled after it was granted a permit hands the
 * permit on, so none is lost.
 *
 * <p>Thread-safety: loop-confined: use it only from coroutines and callbacks of the event loop it first
 * waits on.
 *
 * <pre>{@code
 * AsyncSemaphore slots = new AsyncSemaphore(2);   // at most 2 downloads at a time
 * Coroutine<byte[]> download(String url) {
 *     return Coroutine.of(() -> slots.run(() -> await(fetch(url))));
 * }
 * }</pre>
 */
public sealed class AsyncSemaphore extends LoopBound implements AsyncAcquirable permits AsyncBoundedSemaphore {

    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    int value;

    /** A semaphore with one permit: Python's {@code Semaphore()}. */
    public AsyncSemaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits: Python's {@code Semaphore(value)}.
     *
     * @throws IllegalArgumentException "Semaphore initial value must be >= 0" (Python's ValueError)
     */
    public AsyncSemaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /** The permits available now. */
    public int value() {
        return value;
    }

    /**
     * Whether {@link #acquire()} would suspend: no permit is left, or a waiter that is not cancelled is
     * queued ahead (Python's {@code sem.locked()}).
     */
    @Override
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        for (Future<Boolean> w : waiters) {
            if (!w.cancelled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A coroutine that takes a permit and returns {@code true}: Python's {@code await sem.acquire()}. It
     * does not suspend when a permit is free and nobody is queued.
     */
    @Override
    public Coroutine<Boolean> acquire() {
        return Coroutine.inline("AsyncSemaphore.acquire", () -> {
            if (!locked()) {
                value--;
                return true;
            }
            Future<Boolean> fut = loop().createFuture();
            try {
                awaitQueued(waiters, fut);
            } catch (CancelledError e) {
                if (!fut.cancelled()) {
                    // Granted a permit, then cancelled before running: hand the permit on.
                    value++;
                    wakeUpNext();
                }
                throw e;
            }
            if (value > 0) {
                wakeUpNext();
            }
            return true;
        });
    }

    /** Gives a permit back and wakes the first waiter: Python's {@code sem.release()}. */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    /** Grants a permit to the first waiter that is not done yet. */
    private void wakeUpNext() {
        for (Future<Boolean> fut : waiters) {
            if (!fut.done()) {
                value--;
                fut.setResult(true);
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " [" + (locked() ? "locked" : "unlocked, value:" + value)
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
