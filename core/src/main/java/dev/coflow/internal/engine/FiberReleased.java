package dev.coflow.internal.engine;

/**
 * Thrown by {@link Fiber#suspend()} in the body of a virtual-thread fiber whose owner became
 * unreachable while it was suspended: it unwinds the body so that its {@code finally} blocks run and
 * its thread ends, as CPython closes a generator when its last reference goes. Owners translate it
 * into their own close signal (a generator raises {@code GeneratorExit} instead).
 *
 * <p>It is an {@link Error}, so {@code catch (Exception e)} in user code does not stop the unwinding.
 */
public final class FiberReleased extends Error {
    private static final long serialVersionUID = 1L;

    FiberReleased() {
        super("the generator or coroutine became unreachable while suspended", null, false, false);
    }
}
