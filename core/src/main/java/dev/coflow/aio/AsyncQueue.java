package dev.coflow.aio;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A queue for producer and consumer coroutines: Python's {@code asyncio.Queue}. {@link #get()} suspends
 * while the queue is empty and {@link #put} while it is full (with a positive {@code maxsize}); suspended
 * getters and putters are woken in FIFO order. Neither suspends when it does not have to: a consumer drains
 * the items already there without yielding to other tasks. {@link #taskDone()} and {@link #join()} track
 * how many items were taken but not yet processed.
 *
 * <p>A getter or putter cancelled after it was woken passes the wakeup on, so no item and no free slot is
 * lost to a cancellation. {@link AsyncPriorityQueue} and {@link AsyncLifoQueue} change only the order of
 * the items. {@code null} is a valid item (Python's {@code None} as an end marker).
 *
 * <p>Errors map as elsewhere in Coflow: {@link QueueEmpty} and {@link QueueFull} keep Python's names;
 * {@code ValueError("task_done() called too many times")} is an {@link IllegalStateException}.
 *
 * <p>Thread-safety: loop-confined: use it only from coroutines and callbacks of the event loop it first
 * waits on; {@link #qsize()} is exact there, since nothing else runs between two statements without an
 * {@code await}. From another thread, go through {@code loop.callSoonThreadsafe(() -> q.putNowait(x))}.
 *
 * <pre>{@code
 * AsyncQueue<String> queue = new AsyncQueue<>(10);
 * Task<Void> worker = createTask(Coroutine.of(() -> {
 *     for (;;) {
 *         String job = await(queue.get());
 *         await(process(job));
 *         queue.taskDone();
 *     }
 * }));
 * for (String job : jobs) {
 *     await(queue.put(job));      // waits while 10 jobs are queued
 * }
 * await(queue.join());            // every job processed
 * worker.cancel();
 * }</pre>
 *
 * @param <T> the item type
 */
public sealed class AsyncQueue<T extends @Nullable Object> extends LoopBound
        permits AsyncPriorityQueue, AsyncLifoQueue {

    private final int maxsize;
    private final QueueStore<T> items;
    private final ArrayDeque<Future<@Nullable Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<@Nullable Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final AsyncEvent finished = new AsyncEvent();

    /** An unbounded FIFO queue: Python's {@code Queue()}. */
    public AsyncQueue() {
        this(0);
    }

    /**
     * A FIFO queue holding at most {@code maxsize} items (zero or negative: unbounded): Python's
     * {@code Queue(maxsize)}.
     */
    public AsyncQueue(int maxsize) {
        this(maxsize, QueueStore.fifo());
    }

    AsyncQueue(int maxsize, QueueStore<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** How many items it holds: Python's {@code qsize()}. */
    public final int qsize() {
        return items.size();
    }

    /** The most items it holds; zero or negative means unbounded: Python's {@code maxsize}. */
    public final int maxsize() {
        return maxsize;
    }

    /** Whether it holds no item: Python's {@code empty()}. */
    public final boolean empty() {
        return items.size() == 0;
    }

    /** Whether it holds {@code maxsize} items; never for an unbounded queue: Python's {@code full()}. */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * A coroutine that adds {@code item}, first waiting for a free slot while the queue is full: Python's
     * {@code await queue.put(item)}.
     */
    public final Coroutine<@Nullable Void> put(T item) {
        return Coroutine.<@Nullable Void>inline("AsyncQueue.put", () -> {
            while (full()) {
                Future<@Nullable Void> putter = loop().createFuture();
                putters.addLast(putter);
                try {
                    Aio.await(putter);
                } catch (Throwable t) {
                    putter.cancel();
                    putters.remove(putter);
                    if (!full() && !putter.cancelled()) {
                        // Woken for a free slot we will not use: hand the wakeup to the next putter.
                        wakeUpNext(putters);
                    }
                    throw t;
                }
            }
            putNowait(item);
            return null;
        });
    }

    /**
     * Adds {@code item} without waiting: Python's {@code queue.put_nowait(item)}. Wakes the first waiting
     * getter.
     *
     * @throws QueueFull if the queue is full
     */
    public final void putNowait(T item) {
        if (full()) {
            throw new QueueFull(maxsize);
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /**
     * A coroutine that removes and returns the next item, first waiting while the queue is empty: Python's
     * {@code await queue.get()}. It does not suspend when an item is available.
     */
    public final Coroutine<T> get() {
        return Coroutine.inline("AsyncQueue.get", () -> {
            while (empty()) {
                Future<@Nullable Void> getter = loop().createFuture();
                getters.addLast(getter);
                try {
                    Aio.await(getter);
                } catch (Throwable t) {
                    getter.cancel();
                    getters.remove(getter);
                    if (!empty() && !getter.cancelled()) {
                        // Woken for an item we will not take: hand the wakeup to the next getter.
                        wakeUpNext(getters);
                    }
                    throw t;
                }
            }
            return getNowait();
        });
    }

    /**
     * Removes and returns the next item without waiting: Python's {@code queue.get_nowait()}. Wakes the
     * first waiting putter.
     *
     * @throws QueueEmpty if the queue is empty
     */
    public final T getNowait() {
        if (empty()) {
            throw new QueueEmpty();
        }
        T item = items.remove();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Says that an item taken with {@code get} has been processed: Python's {@code queue.task_done()}.
     * When every item put so far is done, {@link #join()} returns.
     *
     * @throws IllegalStateException "task_done() called too many times" (Python's ValueError)
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * A coroutine that waits until every item put so far has been taken and marked with
     * {@link #taskDone()}: Python's {@code await queue.join()}.
     */
    public final Coroutine<@Nullable Void> join() {
        return Coroutine.<@Nullable Void>inline("AsyncQueue.join", () -> {
            if (unfinishedTasks > 0) {
                Aio.await(finished.waitSet());
            }
            return null;
        });
    }

    /** Wakes the first waiter that is not done yet, dropping the cancelled ones on the way. */
    private static void wakeUpNext(ArrayDeque<Future<@Nullable Void>> waiters) {
        Future<@Nullable Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
                return;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=")
                .append(maxsize);
        if (!empty()) {
            sb.append(" _queue=").append(items);
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        return sb.append('>').toString();
    }
}
