package dev.coflow.internal.engine;

import org.jspecify.annotations.Nullable;

/**
 * A way of suspending Java code: the continuation engine or the virtual-thread engine.
 * Both pass the same test suite; {@link Engines} picks one per JVM.
 */
public interface Engine {

    /**
     * Creates a fiber that runs {@code body} on its first {@link Fiber#resume()}.
     *
     * @param owner the public object whose reachability decides the fiber's life: once the owner is
     *     unreachable the engine may release the fiber's resources. The body must not reference it.
     * @param attachment returned by {@link Fiber#attachment()}
     * @param body never throws: owners catch what their user code throws
     */
    Fiber newFiber(Object owner, Object attachment, Runnable body);

    /**
     * A fiber for a body that code anywhere resumes, outside any event loop's control (a generator, an
     * async generator): on both engines its body runs on a virtual thread of its own. Only bodies that
     * an event loop steps (coroutines) are worth a continuation, because only a loop's own thread is a
     * stack the continuation engine may run one on directly.
     */
    Fiber newThreadFiber(Object owner, Object attachment, Runnable body);

    /** The innermost fiber running on the current thread, or {@code null} outside any fiber. */
    @Nullable Fiber currentFiber();

    /**
     * Whether every body runs on a virtual thread of its own, so that whoever resumes bodies in a loop
     * (an event loop) is best a virtual thread too: a handoff between two virtual threads costs no OS
     * thread wakeup.
     */
    boolean bodiesRunOnVirtualThreads();

    /** {@code continuation} or {@code virtual}, as the {@code coflow.engine} property names it. */
    String name();
}
