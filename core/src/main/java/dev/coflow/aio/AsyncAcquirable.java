package dev.coflow.aio;

import dev.coflow.internal.gen.Sneaky;
import org.jspecify.annotations.Nullable;

/**
 * Something a coroutine acquires and then releases: {@link AsyncLock}, {@link AsyncSemaphore},
 * {@link AsyncBoundedSemaphore} and {@link AsyncCondition}. {@link #run} is Python's {@code async with}
 * statement over them (the {@code asyncio.locks._ContextManagerMixin}).
 *
 * <p>Thread-safety: loop-confined, like every asyncio primitive: use it only from coroutines and callbacks
 * of the event loop it is bound to.
 *
 * <pre>{@code
 * AsyncLock lock = new AsyncLock();
 * int value = lock.run(() -> {        // async with lock:
 *     int v = counter.get();
 *     await(sleep(Duration.ZERO));
 *     counter.set(v + 1);
 *     return v + 1;
 * });
 * }</pre>
 */
public interface AsyncAcquirable {

    /**
     * A coroutine that acquires, suspending the caller while that is not possible, and returns
     * {@code true}: Python's {@code await x.acquire()}.
     */
    Coroutine<Boolean> acquire();

    /** Releases what {@link #acquire} took: Python's {@code x.release()}. */
    void release();

    /** Whether {@link #acquire} would have to wait now: Python's {@code x.locked()}. */
    boolean locked();

    /**
     * Python's {@code async with x: body}: awaits {@link #acquire()} in the calling coroutine, runs
     * {@code body} there (it may await) and releases on every exit path; returns what the body returns and
     * throws what it throws (the same instance). A cancellation while acquiring leaves nothing acquired
     * and skips the body.
     *
     * @throws IllegalStateException outside a coroutine body
     */
    @SuppressWarnings("NullAway") // T itself may be a nullable type: a null result is legal
    default <T extends @Nullable Object> T run(CoroutineBody<T> body) {
        if (body == null) {
            throw new NullPointerException("run(body): body must be a coroutine body lambda, not null");
        }
        Aio.await(acquire());
        try {
            return body.call();
        } catch (Exception e) {
            throw Sneaky.raise(e);
        } finally {
            release();
        }
    }
}
