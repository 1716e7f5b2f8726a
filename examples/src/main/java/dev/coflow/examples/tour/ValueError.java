package dev.coflow.examples.tour;

/**
 * Python's built-in {@code ValueError}, for the tour's examples that raise one and print its
 * {@code repr} ({@code ValueError('boom')}). Java code would usually throw an
 * {@link IllegalArgumentException}. Immutable.
 *
 * <pre>{@code
 * throw new ValueError("failed after 1s");
 * }</pre>
 */
public class ValueError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A {@code ValueError(message)}. */
    public ValueError(String message) {
        super(message);
    }
}
