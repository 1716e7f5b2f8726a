package dev.coflow.aio;

import java.io.Serial;
import java.util.NoSuchElementException;

/**
 * Raised by {@link AsyncQueue#getNowait()} on an empty queue: Python's {@code asyncio.QueueEmpty}. It is a
 * {@link NoSuchElementException}, as Java's {@code Queue.remove()} throws on an empty queue.
 *
 * <pre>{@code
 * try {
 *     item = queue.getNowait();
 * } catch (QueueEmpty e) {
 *     item = await(queue.get());   // wait for one instead
 * }
 * }</pre>
 */
public class QueueEmpty extends NoSuchElementException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with a message saying what to do instead. */
    public QueueEmpty() {
        super("the queue is empty: await get() to wait for an item");
    }
}
