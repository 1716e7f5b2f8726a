package dev.coflow.aio;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for coroutines: Python's {@code asyncio.Lock}. It is not owned by a task: any
 * coroutine may release it. Waiters are granted the lock in FIFO order; a waiter cancelled while queued
 * (even after it was picked) passes its turn on, so the lock never stays blocked.
 *
 * <p>Single-threaded does not mean race-free: a read, an {@code await}, then a write in many tasks loses
 * updates; {@link #run} (Python's {@code async with lock}) makes such a section exclusive.
 *
 * <p>Errors map as elsewhere in Coflow: Python's {@code RuntimeError("Lock is not acquired.")} is an
 * {@link IllegalStateException} with the same message.
 *
 * <p>Thread-safety: loop-confined: use it only from coroutines and callbacks of the event loop it first
 * waits on.
 *
 * <pre>{@code
 * AsyncLock lock = new AsyncLock();
 * // in each of many tasks:
 * lock.run(() -> {
 *     int v = counter;
 *     await(sleep(Duration.ZERO));
 *     counter = v + 1;          // no lost update
 *     return null;
 * });
 * }</pre>
 */
public final class AsyncLock extends LoopBound implements AsyncAcquirable {

    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean locked;

    /** A new, unlocked lock; it binds to the loop of the first coroutine that has to wait for it. */
    public AsyncLock() {}

    /** Whether some coroutine holds the lock: Python's {@code lock.locked()}. */
    @Override
    public boolean locked() {
        return locked;
    }

    /**
     * A coroutine that takes the lock and returns {@code true}: Python's {@code await lock.acquire()}. It
     * does not suspend when the lock is free and nobody is queued; otherwise it queues behind the other
     * waiters (FIFO).
     */
    @Override
    public Coroutine<Boolean> acquire() {
        return Coroutine.inline("AsyncLock.acquire", () -> {
            if (!locked && allCancelled()) {
                locked = true;
                return true;
            }
            // The waiter leaves the queue before the cancellation handling, so it never wakes itself.
            try {
                awaitQueued(waiters, loop().createFuture());
            } catch (CancelledError e) {
                if (!locked) {
                    wakeUpFirst();
                }
                throw e;
            }
            locked = true;
            return true;
        });
    }

    /**
     * Releases the lock and lets the first queued waiter take it: Python's {@code lock.release()}.
     *
     * @throws IllegalStateException "Lock is not acquired." when it is not locked
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    private boolean allCancelled() {
        for (Future<Boolean> w : waiters) {
            if (!w.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes the head waiter unless it is already done: a done head will wake up anyway and either take the
     * lock or, cancelled, pass the turn on.
     */
    private void wakeUpFirst() {
        Future<Boolean> first = waiters.peekFirst();
        if (first != null && !first.done()) {
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        return "<AsyncLock [" + (locked ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
