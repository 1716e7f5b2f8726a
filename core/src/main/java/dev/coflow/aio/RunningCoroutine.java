package dev.coflow.aio;

import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Finds the coroutine (or async generator) body running on this thread and the task driving it. Bodies
 * may run on another thread (virtual-thread engine), so the fiber, not a thread-local, is how
 * {@code await}, {@code currentTask()} and {@code getRunningLoop()} find their bearings: the running
 * body's core, whose {@link GeneratorCore#driver() driver} is its task. A suspended task so costs no
 * object of its own for this.
 */
final class RunningCoroutine {

    private RunningCoroutine() {}

    /** The core of the innermost coroutine or async generator body running on this thread, or null. */
    @SuppressWarnings("unchecked") // such cores take and yield plain objects
    static @Nullable GeneratorCore<Object, Object, ?> core() {
        GeneratorCore<?, ?, ?> c = GeneratorCore.current();
        return c != null && c.kind() != Kind.GENERATOR ? (GeneratorCore<Object, Object, ?>) c : null;
    }

    /** The task driving {@code core}, or null (a coroutine driven by hand, an idle async generator). */
    static @Nullable Task<?> taskOf(GeneratorCore<?, ?, ?> core) {
        return core.driver() instanceof Task<?> t ? t : null;
    }

    /** Python's {@code current_task()}: the task of the running body, else the task stepping on this loop thread. */
    static @Nullable Task<?> currentTask() {
        GeneratorCore<?, ?, ?> c = core();
        Task<?> t = c == null ? null : taskOf(c);
        if (t != null) {
            return t;
        }
        EventLoop loop = EventLoop.runningOnThisThread();
        return loop == null ? null : loop.currentTask;
    }
}
