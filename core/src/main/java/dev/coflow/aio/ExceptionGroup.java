package dev.coflow.aio;

import java.io.Serial;
import java.util.List;

/**
 * Several exceptions raised together, as {@code TaskGroup} reports its failed tasks: Python's
 * {@code ExceptionGroup}. Each is also attached as a suppressed exception, so stack traces show them.
 *
 * <pre>{@code
 * try {
 *     TaskGroup.run(tg -> { tg.createTask(a); tg.createTask(b); return null; });
 * } catch (ExceptionGroup eg) {
 *     for (Throwable t : eg.exceptions()) print(t);
 * }
 * }</pre>
 */
@SuppressWarnings("this-escape") // addSuppressed is final in Throwable: no subclass code runs early
public class ExceptionGroup extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an unmodifiable List.copyOf, which is serializable
    private final List<Throwable> exceptions;

    /**
     * A group of the given exceptions, in order.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty ("second argument (exceptions)
     *     must be a non-empty sequence", as Python)
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The grouped exceptions, in the order they were raised. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
