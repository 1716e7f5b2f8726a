package dev.coflow.gen;

import org.jspecify.annotations.Nullable;

/**
 * The handle a generator body yields through: Python's {@code yield} expression and
 * {@code yield from} statement (PEP 342, PEP 380).
 *
 * <p>Thread-safety: only the body it was handed to may use it, on the body's own thread of control,
 * while that body runs; using it anywhere else (another thread, another generator's body, after the
 * body ended) fails with an {@link IllegalStateException}.
 *
 * <p>A yield must be reachable by the JDK's suspension: on the continuation engine a yield inside a
 * static initializer (or, before JDK 24, inside {@code synchronized}) cannot suspend and throws an
 * {@link IllegalStateException} naming the cause at the yield; the virtual-thread engine suspends
 * there too, at the price of pinning a carrier thread.
 *
 * <pre>{@code
 * Generator<Integer, Integer, Void> jumping = Generator.of(y -> {
 *     int index = 0;
 *     while (index < 5) {
 *         Integer jump = y.yield(index);      // jump = yield index
 *         index = jump == null ? index + 1 : index + jump;
 *     }
 *     return null;
 * });
 * }</pre>
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 */
public interface Yielder<Y, S> {

    /**
     * Suspends the body, handing {@code value} to the caller of {@code next}/{@code send}/
     * {@code throwInto}; returns what the next {@code send} passes ({@code null} for {@code next}).
     * An exception passed to {@code throwInto} is thrown from here (a checked one too, which Java lets
     * the body catch only as {@code Exception} or {@code Throwable}), and so is {@link GeneratorExit}
     * when the generator is closed.
     */
    @SuppressWarnings("NamedLikeContextualKeyword") // Python's name; always called on a receiver: y.yield(v)
    @Nullable S yield(@Nullable Y value);

    /**
     * Delegates to {@code sub} until it ends, as {@code r = yield from sub}: the caller's
     * {@code next}, {@code send}, {@code throwInto} and {@code close} go straight to {@code sub}, and
     * the sub's return value is returned here; an exception of {@code sub} is thrown here.
     */
    <R2> @Nullable R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub);

    /**
     * Yields every item of {@code items}, as {@code yield from iterable}: {@code next} advances the
     * iterator, {@code throwInto} raises here, {@code close} closes the iterator if it is
     * {@link AutoCloseable}, and a non-null {@code send} fails here with an
     * {@link UnsupportedOperationException} (Python's AttributeError: a plain iterator has no
     * {@code send}). A {@link Generator} passed here is delegated to exactly as by {@link #yieldFrom}
     * (send, throw and close are forwarded), its return value discarded.
     *
     * @throws NullPointerException when {@code items} is null
     */
    void yieldAll(Iterable<? extends Y> items);
}
