package dev.coflow.internal.gen;

/** Rethrows any throwable unwrapped: bodies may throw checked exceptions and callers get the same instance. */
public final class Sneaky {
    private Sneaky() {}

    /** Throws {@code t} as is; declared to return so callers can write {@code throw Sneaky.raise(t)}. */
    @SuppressWarnings("unchecked")
    public static <T extends Throwable> RuntimeException raise(Throwable t) throws T {
        throw (T) t;
    }
}
