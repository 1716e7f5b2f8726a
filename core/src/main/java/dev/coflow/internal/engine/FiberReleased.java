package dev.coflow.internal.engine;

/**
 * Unwinds the body of a fiber whose owner became unreachable while it was suspended, so that its
 * {@code finally} blocks run and its thread ends, as CPython closes a generator when its last
 * reference goes.
 */
final class FiberReleased extends Error {
    private static final long serialVersionUID = 1L;

    FiberReleased() {
        super("the generator or coroutine became unreachable while suspended", null, false, false);
    }
}
