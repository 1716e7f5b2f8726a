package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Aio#forEach}, Python's {@code async for} block: called with each item, in the
 * calling coroutine, so it may {@code await}. {@link AsyncFor#breakLoop()} is Python's {@code break}; a
 * plain {@code return} is {@code continue}. It may throw checked exceptions, which leave the loop and
 * reach the caller as the same instance.
 *
 * <pre>{@code
 * AsyncForBody<String> body = line -> {
 *     if (line.isEmpty()) {
 *         AsyncFor.breakLoop();
 *     }
 *     await(save(line));
 * };
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncForBody<T extends @Nullable Object> {

    /** Runs the loop body for one item. */
    void accept(T item) throws Exception;
}
