package dev.coflow.aio;

import dev.coflow.internal.gen.Sneaky;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for coroutines: Python's {@code asyncio.Condition}. A coroutine holding the
 * underlying {@link AsyncLock} waits with {@link #waitNotified()} (which releases the lock while it waits
 * and takes it back before returning) until another one, holding the lock too, wakes it.
 *
 * <p>Names: Python's {@code cond.wait()} is {@link #waitNotified()} and {@code cond.wait_for(pred)} is
 * {@link #waitFor}; {@code notify(n)} and {@code notify_all()} are {@link #signal(int)} and
 * {@link #signalAll()}, as in {@code java.util.concurrent.locks.Condition}, because {@code wait},
 * {@code notify} and {@code notifyAll} are final monitor methods of {@link Object} (calling those on a
 * condition is a mistake that fails with {@link IllegalMonitorStateException}). Python's
 * {@code RuntimeError}s are {@link IllegalStateException}s with the same messages.
 *
 * <p>Thread-safety: loop-confined: use it only from coroutines and callbacks of the event loop it first
 * waits on.
 *
 * <pre>{@code
 * AsyncCondition cond = new AsyncCondition();
 * List<String> items = new ArrayList<>();
 * // consumer
 * String item = cond.run(() -> {
 *     await(cond.waitFor(() -> !items.isEmpty()));
 *     return items.remove(0);
 * });
 * // producer
 * cond.run(() -> {
 *     items.add("a");
 *     cond.signal();
 *     return null;
 * });
 * }</pre>
 */
public final class AsyncCondition extends LoopBound implements AsyncAcquirable {

    private final AsyncLock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with its own new lock: Python's {@code Condition()}. */
    public AsyncCondition() {
        this(new AsyncLock());
    }

    /** A condition over {@code lock}, which several conditions may share: Python's {@code Condition(lock)}. */
    public AsyncCondition(AsyncLock lock) {
        this.lock = Objects.requireNonNull(lock, "AsyncCondition(lock): lock must not be null");
    }

    /** Takes the underlying lock: Python's {@code await cond.acquire()}. */
    @Override
    public Coroutine<Boolean> acquire() {
        return lock.acquire();
    }

    /**
     * Releases the underlying lock: Python's {@code cond.release()}.
     *
     * @throws IllegalStateException "Lock is not acquired."
     */
    @Override
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held: Python's {@code cond.locked()}. */
    @Override
    public boolean locked() {
        return lock.locked();
    }

    /**
     * A coroutine that releases the lock, waits until {@link #signal} or {@link #signalAll} wakes it,
     * takes the lock back and returns {@code true}: Python's {@code await cond.wait()}. The lock is held
     * again when it ends, on every path: if it is cancelled, it still waits for the lock first and then
     * raises {@link CancelledError}.
     *
     * @throws IllegalStateException "cannot wait on un-acquired lock" when the lock is not held
     */
    public Coroutine<Boolean> waitNotified() {
        return Coroutine.inline("AsyncCondition.waitNotified", this::waitInline);
    }

    private boolean waitInline() {
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        release();
        Throwable failure = null;
        try {
            awaitQueued(waiters, loop().createFuture());
        } catch (Throwable t) {
            failure = t;
        }
        // The caller owns the lock again whatever happened, as Python's finally re-acquires it; a
        // cancellation meanwhile is raised once the lock is back.
        boolean cancelled = false;
        for (;;) {
            try {
                Aio.await(lock.acquire());
                break;
            } catch (CancelledError e) {
                cancelled = true;
            }
        }
        if (cancelled) {
            throw new CancelledError();
        }
        if (failure != null) {
            throw Sneaky.raise(failure);
        }
        return true;
    }

    /**
     * A coroutine that waits until {@code predicate} is true and returns {@code true}: Python's
     * {@code await cond.wait_for(predicate)}. The predicate is checked first (no wait if it already holds)
     * and after each wakeup, with the lock held.
     *
     * @throws IllegalStateException "cannot wait on un-acquired lock" when it has to wait without the lock
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "waitFor(predicate): predicate must not be null");
        return Coroutine.inline("AsyncCondition.waitFor", () -> {
            while (!predicate.getAsBoolean()) {
                waitInline();
            }
            return true;
        });
    }

    /**
     * Wakes one waiting coroutine, if any: Python's {@code cond.notify()}. The woken coroutine resumes
     * once it can take the lock back, so the caller should release it.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" when the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting coroutines, in the order they started waiting: Python's
     * {@code cond.notify(n)}.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" when the lock is not held
     */
    public void signal(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        int woken = 0;
        for (Future<Boolean> fut : waiters) {
            if (woken >= n) {
                break;
            }
            if (!fut.done()) {
                woken++;
                fut.setResult(false);
            }
        }
    }

    /**
     * Wakes every waiting coroutine: Python's {@code cond.notify_all()}.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" when the lock is not held
     */
    public void signalAll() {
        signal(waiters.size());
    }

    @Override
    public String toString() {
        return "<AsyncCondition [" + (locked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
