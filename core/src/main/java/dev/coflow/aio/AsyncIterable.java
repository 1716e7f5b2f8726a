package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * Something {@code async for} can loop over: Python's asynchronous iterable (an object with
 * {@code __aiter__}). {@link Aio#forEach} takes one; an {@link AsyncIterator}, such as an
 * {@link AsyncGenerator}, is its own iterable.
 *
 * <p>Thread-safety: as the implementation says; async iterators of the event loop are loop-confined.
 *
 * <pre>{@code
 * AsyncIterable<Integer> ticks = () -> AsyncGenerator.of(y -> {
 *     for (int i = 0; i < 3; i++) {
 *         await(sleep(Duration.ofSeconds(1)));
 *         y.yield(i);
 *     }
 * });
 * forEach(ticks, i -> print(i));   // a fresh generator per loop
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncIterable<T extends @Nullable Object> {

    /** An async iterator over the items: Python's {@code aiter(x)}, {@code x.__aiter__()}. */
    AsyncIterator<T> aiter();
}
