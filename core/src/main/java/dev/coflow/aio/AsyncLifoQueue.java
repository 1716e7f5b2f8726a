package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * An {@link AsyncQueue} that returns the most recently added item first: Python's
 * {@code asyncio.LifoQueue}. Everything else (waiting, fairness, {@code taskDone}/{@code join}) is the
 * {@link AsyncQueue}'s.
 *
 * <p>Thread-safety: loop-confined, like {@link AsyncQueue}.
 *
 * <pre>{@code
 * AsyncLifoQueue<Integer> q = new AsyncLifoQueue<>();
 * q.putNowait(3); q.putNowait(1); q.putNowait(2);
 * q.getNowait();   // 2, then 1, then 3
 * }</pre>
 *
 * @param <T> the item type
 */
public final class AsyncLifoQueue<T extends @Nullable Object> extends AsyncQueue<T> {

    /** An unbounded stack-ordered queue. */
    public AsyncLifoQueue() {
        this(0);
    }

    /** A stack-ordered queue of at most {@code maxsize} items (zero or negative: unbounded). */
    public AsyncLifoQueue(int maxsize) {
        super(maxsize, QueueStore.lifo());
    }
}
