package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * The code of an async generator: Python's {@code async def} body containing {@code yield}. It may both
 * {@code y.yield(v)} and {@code await(...)}, anywhere (loops, try/finally), and may throw checked
 * exceptions, which reach the consumer as the same instance. It returns nothing: Python forbids
 * {@code return value} in an async generator.
 *
 * <pre>{@code
 * AsyncGeneratorBody<Integer> ticker = y -> {
 *     for (int i = 0; ; i++) {
 *         await(sleep(Duration.ofSeconds(1)));
 *         y.yield(i);
 *     }
 * };
 * }</pre>
 *
 * @param <T> the type of the values it yields
 */
@FunctionalInterface
public interface AsyncGeneratorBody<T extends @Nullable Object> {

    /** Runs the body; called once, when the generator is first awaited with anext/asend. */
    void run(AsyncYielder<T> y) throws Exception;
}
