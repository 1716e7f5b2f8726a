package dev.coflow.examples.tour;

/**
 * Python's built-in {@code KeyError}, for the tour's examples that raise one. As in Python, its message
 * ({@code str(e)}) is the key's {@code repr}: {@code 'missing'} with the quotes. Immutable.
 *
 * <pre>{@code
 * throw new KeyError("nobody catches this");   // str(e): 'nobody catches this'
 * }</pre>
 */
public class KeyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A {@code KeyError(key)}. */
    public KeyError(Object key) {
        super(Py.repr(key));
    }
}
