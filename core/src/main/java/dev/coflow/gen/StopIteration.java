package dev.coflow.gen;

import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Raised by {@link Generator#next()} and {@link Generator#send} when the generator ends: Python's
 * {@code StopIteration}, carrying the body's return value in {@link #value()}.
 *
 * <p>A {@code StopIteration} that escapes a generator body is turned into a
 * {@code RuntimeException("generator raised StopIteration")} (PEP 479), so it cannot end the
 * generator by accident. Immutable and thread-safe.
 *
 * <pre>{@code
 * try { gen.next(); } catch (StopIteration end) { Object result = end.value(); }
 * }</pre>
 */
public class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable Object value;

    /** An end with no value, as Python's bare {@code StopIteration()}. */
    public StopIteration() {
        this(null);
    }

    /** An end carrying {@code value}, as {@code StopIteration(value)}. */
    public StopIteration(@Nullable Object value) {
        super(value == null ? null : String.valueOf(value));
        this.value = value;
    }

    /** The generator's return value, or {@code null}. */
    public @Nullable Object value() {
        return value;
    }
}
