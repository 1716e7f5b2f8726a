package dev.coflow.aio;

import java.io.Serial;
import java.util.NoSuchElementException;

/**
 * Raised by awaiting {@link AsyncIterator#anext()} when the iterator is exhausted: Python's
 * {@code StopAsyncIteration}. {@link Aio#forEach} ends the loop on it. Like {@code StopIteration} in
 * generators, one that escapes an async generator's body is turned into a
 * {@code RuntimeException("async generator raised StopAsyncIteration")}, so it cannot end the generator
 * by accident.
 *
 * <pre>{@code
 * try {
 *     item = await(agen.anext());
 * } catch (StopAsyncIteration end) {
 *     // exhausted
 * }
 * }</pre>
 */
public class StopAsyncIteration extends NoSuchElementException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The end of an async iteration, as Python's bare {@code StopAsyncIteration()}. */
    public StopAsyncIteration() {
        super();
    }
}
