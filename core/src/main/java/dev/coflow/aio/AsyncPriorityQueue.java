package dev.coflow.aio;

import java.util.Comparator;
import java.util.Objects;

/**
 * An {@link AsyncQueue} that returns the smallest item first: Python's {@code asyncio.PriorityQueue}.
 * Items are ordered by their natural ordering or by a {@link Comparator}; {@code null} items are refused.
 * Everything else (waiting, fairness, {@code taskDone}/{@code join}) is the {@link AsyncQueue}'s.
 *
 * <p>Thread-safety: loop-confined, like {@link AsyncQueue}.
 *
 * <pre>{@code
 * AsyncPriorityQueue<Integer> q = new AsyncPriorityQueue<>();
 * q.putNowait(2); q.putNowait(1); q.putNowait(3);
 * q.getNowait();   // 1, then 2, then 3
 * }</pre>
 *
 * @param <T> the item type
 */
public final class AsyncPriorityQueue<T> extends AsyncQueue<T> {

    /** An unbounded queue in natural order (the items must be {@link Comparable}). */
    public AsyncPriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items (zero or negative: unbounded) in natural order. */
    public AsyncPriorityQueue(int maxsize) {
        super(maxsize, QueueStore.priority(null));
    }

    /** A queue of at most {@code maxsize} items (zero or negative: unbounded) in {@code order}. */
    public AsyncPriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize, QueueStore.priority(
                Objects.requireNonNull(order, "AsyncPriorityQueue(maxsize, order): order must not be null")));
    }
}
