package dev.coflow.gen;

import org.jspecify.annotations.Nullable;

/**
 * The code of a generator: Python's generator function body. It receives the {@link Yielder} it
 * yields through and returns the generator's return value (Python's {@code return r}, carried by
 * {@link StopIteration#value()}); return {@code null} for a bare {@code return}.
 *
 * <p>It may throw checked exceptions: they reach the caller of {@code next()} as the same instance.
 * A {@link StopIteration} escaping it becomes {@code RuntimeException("generator raised
 * StopIteration")} (PEP 479). It runs one step at a time while the resuming thread waits (on a
 * virtual thread of Coflow's, see {@link Generator}), so it needs no locks for its own state.
 *
 * <pre>{@code
 * GeneratorBody<Integer, Void, String> body = y -> { y.yield(1); return "done"; };
 * }</pre>
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values sent in
 * @param <R> the type of its return value
 */
@FunctionalInterface
public interface GeneratorBody<Y, S, R> {

    /** Runs the body; called once, on the first {@code next()} or {@code send(null)}. */
    @Nullable R run(Yielder<Y, S> y) throws Exception;
}
