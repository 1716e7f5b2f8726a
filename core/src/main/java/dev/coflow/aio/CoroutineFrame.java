package dev.coflow.aio;

import dev.coflow.gen.GeneratorBody;
import dev.coflow.gen.Yielder;
import dev.coflow.internal.engine.Engines;
import dev.coflow.internal.engine.Fiber;
import dev.coflow.internal.gen.GeneratorCore;
import org.jspecify.annotations.Nullable;

/**
 * The fiber attachment of a running coroutine: which core {@code await} suspends and which task drives
 * it. Bodies may run on another thread (virtual-thread engine), so this, not a thread-local, is how
 * {@code await}, {@code currentTask()} and {@code getRunningLoop()} find their bearings. It never
 * references the public {@link Coroutine}, whose reachability may release the fiber.
 *
 * <p>For a coroutine it doubles as the core's generator body (one object and one stack frame fewer per
 * suspended task).
 */
final class CoroutineFrame implements GeneratorBody<Object, Object, Object> {

    /** Cleared when the coroutine ends: the engine may keep the frame reachable, it must not keep the task. */
    private @Nullable Task<?> task;
    /** The coroutine's body; null for an async generator's frame, whose core has its own body. */
    private final @Nullable CoroutineBody<?> body;
    @SuppressWarnings("NullAway.Init") // set right after the core that needs this frame is built
    GeneratorCore<Object, Object, ?> core;

    /** @param task the driving task; null for an async generator's frame until a step {@link #attach}es one */
    CoroutineFrame(@Nullable Task<?> task) {
        this(task, null);
    }

    CoroutineFrame(@Nullable Task<?> task, @Nullable CoroutineBody<?> body) {
        this.task = task;
        this.body = body;
    }

    /** The coroutine's body, run by its core's fiber. */
    @Override
    public @Nullable Object run(Yielder<Object, Object> y) throws Exception {
        CoroutineBody<?> b = body;
        if (b == null) {
            throw new IllegalStateException("this frame has no coroutine body");
        }
        return b.call();
    }

    /** The task driving the running body. */
    Task<?> task() {
        Task<?> t = task;
        if (t == null) {
            throw new IllegalStateException("the coroutine has finished");
        }
        return t;
    }

    @Nullable Task<?> taskOrNull() {
        return task;
    }

    void detach() {
        task = null;
    }

    /** An async generator's body is driven by whichever task awaits its current step. */
    void attach(Task<?> driver) {
        task = driver;
    }

    /** The frame of the innermost coroutine body running on this thread, or null. */
    static @Nullable CoroutineFrame current() {
        Fiber f = Engines.currentFiber();
        return f != null && f.attachment() instanceof CoroutineFrame cf ? cf : null;
    }

    /** Python's {@code current_task()}: the task of the running body, else the task stepping on this loop thread. */
    static @Nullable Task<?> currentTask() {
        CoroutineFrame cf = current();
        if (cf != null && cf.task != null) {
            return cf.task;
        }
        EventLoop loop = EventLoop.runningOnThisThread();
        return loop == null ? null : loop.currentTask;
    }
}
