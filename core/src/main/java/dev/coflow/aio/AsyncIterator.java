package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * An iterator whose next item may take time to arrive: Python's asynchronous iterator (an object with
 * {@code __anext__}). Awaiting {@link #anext()} gives the next item, or raises {@link StopAsyncIteration}
 * once there are no more. {@link AsyncGenerator} is the usual one; {@link Aio#forEach} loops over any.
 *
 * <p>Thread-safety: as the implementation says; async iterators of the event loop are loop-confined.
 *
 * <pre>{@code
 * AsyncIterator<String> lines = ...;
 * for (;;) {
 *     String line;
 *     try {
 *         line = await(lines.anext());
 *     } catch (StopAsyncIteration end) {
 *         break;
 *     }
 *     print(line);
 * }
 * // the same, as Python's async for:
 * forEach(lines, line -> print(line));
 * }</pre>
 *
 * @param <T> the item type
 */
public interface AsyncIterator<T extends @Nullable Object> extends AsyncIterable<T> {

    /**
     * A coroutine that returns the next item, or raises {@link StopAsyncIteration} when there is none:
     * Python's {@code await anext(it)}, {@code await it.__anext__()}.
     */
    Coroutine<T> anext();

    /** Returns this iterator, as Python's {@code aiter(it) is it}. */
    @Override
    default AsyncIterator<T> aiter() {
        return this;
    }
}
