package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * The handle an async generator's body yields through: Python's {@code yield} inside an
 * {@code async def}. There is no {@code yieldFrom}: Python forbids {@code yield from} in async functions.
 *
 * <p>Thread-safety: only the body it was handed to may use it, while that body runs; anywhere else (a
 * coroutine the body awaits, another task) it fails with an {@link IllegalStateException}.
 *
 * <pre>{@code
 * AsyncGenerator<String> echo = AsyncGenerator.of(y -> {
 *     String received = y.yield("ready");       // received = yield "ready"
 *     while (received != null) {
 *         received = y.yield("echo " + received);
 *     }
 * });
 * }</pre>
 *
 * @param <T> the type of the values yielded
 */
public interface AsyncYielder<T extends @Nullable Object> {

    /**
     * Suspends the body, handing {@code value} to whoever awaits {@code anext()}/{@code asend(v)}/
     * {@code athrow(t)}; returns what the next {@code asend} passes ({@code null} for {@code anext}).
     * The exception given to {@code athrow} is thrown here, and so is
     * {@link dev.coflow.gen.GeneratorExit} when the generator is closed.
     *
     * <p>The return type is inferred at the call site ({@code String s = y.yield(v)}); it is unchecked,
     * as it is whatever the consumer passes to {@code asend}.
     */
    @SuppressWarnings({
        "NamedLikeContextualKeyword", // Python's name; always called on a receiver: y.yield(v)
        "TypeParameterUnusedInFormals" // S is what the consumer sends, untyped as in Python: see above
    })
    <S extends @Nullable Object> S yield(T value);
}
