package dev.coflow.internal.aio;

/**
 * Errors no Publisher may turn into a signal: the JVM is in trouble ({@link VirtualMachineError}) or the
 * code cannot run ({@link LinkageError}). Checked first in every {@code catch (Throwable)}.
 */
public final class Fatal {

    private Fatal() {}

    /** Rethrows {@code t} if it is fatal; returns otherwise. */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError e) {
            throw e;
        }
        if (t instanceof LinkageError e) {
            throw e;
        }
    }
}
