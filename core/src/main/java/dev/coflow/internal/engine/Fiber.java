package dev.coflow.internal.engine;

import org.jspecify.annotations.Nullable;

/**
 * A body of ordinary Java code that can suspend itself in the middle and be resumed later: the one
 * primitive that generators, coroutines and async generators are built on.
 *
 * <p>Strict alternation: {@link #resume()} returns only when the body has suspended or ended, so the
 * body never runs concurrently with the code that resumed it. Not thread-safe: the owner serialises
 * calls (generators through their state machine, tasks through their event loop).
 */
public interface Fiber {

    /** The message of the {@link IllegalStateException} thrown by a {@link #suspend()} from the wrong place. */
    String NOT_IN_BODY = "suspend called from outside the fiber's own body (a yield or await of one"
            + " generator or coroutine made from inside another one's body, or from another thread?)";

    /**
     * Runs the body from where it last suspended until it suspends again or ends.
     *
     * @return {@code true} when the body has ended
     */
    boolean resume();

    /**
     * {@link #resume()}, called from a stack that Coflow owns from the thread's start up to this call
     * (no user or foreign frames below, so no monitor held): the continuation engine then runs the
     * step right here instead of on a carrier thread. Only an event loop's own task step qualifies.
     *
     * @return {@code true} when the body has ended
     */
    default boolean resumeOnCleanStack() {
        return resume();
    }

    /**
     * Suspends the body. Only the body itself may call this, from its own thread of control.
     *
     * @throws IllegalStateException when the JDK cannot suspend here (a pinned frame)
     */
    void suspend();

    /** Whether the body has ended. */
    boolean isDone();

    /** The owner's per-fiber state, readable through {@link Engines#currentFiber()}. */
    @Nullable Object attachment();
}
