package dev.coflow.aio;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The code of a coroutine: Python's {@code async def} body. It may {@code await(...)} anywhere
 * (loops, try/finally) and returns the coroutine's result; it may throw checked exceptions, which
 * reach the awaiter as the same instance. It is a {@link Callable}, run once inside the coroutine.
 *
 * <pre>{@code
 * CoroutineBody<String> body = () -> {
 *     await(sleep(Duration.ofSeconds(1)));
 *     return "done";
 * };
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface CoroutineBody<T extends @Nullable Object> extends Callable<@Nullable T> {

    /** Runs the body; called once, when the coroutine is first awaited or its task first steps. */
    @Override
    @Nullable T call() throws Exception;
}
