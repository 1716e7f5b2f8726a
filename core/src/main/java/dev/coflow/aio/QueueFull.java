package dev.coflow.aio;

import java.io.Serial;

/**
 * Raised by {@link AsyncQueue#putNowait} on a full queue: Python's {@code asyncio.QueueFull}. It is an
 * {@link IllegalStateException}, as Java's {@code Queue.add} throws on a full bounded queue.
 *
 * <pre>{@code
 * try {
 *     queue.putNowait(item);
 * } catch (QueueFull e) {
 *     await(queue.put(item));   // wait for room instead
 * }
 * }</pre>
 */
public class QueueFull extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with a message saying what to do instead. */
    public QueueFull(int maxsize) {
        super("the queue is full (maxsize=" + maxsize + "): await put(item) to wait for room");
    }
}
