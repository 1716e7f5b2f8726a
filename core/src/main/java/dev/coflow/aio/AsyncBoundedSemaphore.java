package dev.coflow.aio;

/**
 * A semaphore that refuses to be released more often than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}. Releasing it beyond its initial value is a bug in the caller, reported
 * as an {@link IllegalStateException} "BoundedSemaphore released too many times" (Python's ValueError).
 *
 * <p>Thread-safety: loop-confined, like {@link AsyncSemaphore}.
 *
 * <pre>{@code
 * AsyncBoundedSemaphore pool = new AsyncBoundedSemaphore(3);
 * pool.run(() -> await(useConnection()));
 * pool.release();   // IllegalStateException: BoundedSemaphore released too many times
 * }</pre>
 */
public final class AsyncBoundedSemaphore extends AsyncSemaphore {

    private final int bound;

    /** A bounded semaphore with one permit. */
    public AsyncBoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also the most it can ever hold.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public AsyncBoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back: Python's {@code BoundedSemaphore.release()}.
     *
     * @throws IllegalStateException "BoundedSemaphore released too many times" if that would exceed the
     *     initial value
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
