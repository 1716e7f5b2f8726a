package dev.coflow.aio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Structured concurrency: Python 3.11's {@code async with asyncio.TaskGroup() as tg}. {@link #run} runs a
 * block that starts tasks with {@link #createTask}, then waits for all of them. The first task that fails
 * cancels its siblings and the block; the failures (not the cancellations) are raised together as an
 * {@link ExceptionGroup} "unhandled errors in a TaskGroup". Cancelling the task that runs the group
 * cancels the group's tasks and propagates as {@link CancelledError}.
 *
 * <p>Thread-safety: use it in the coroutine that runs it.
 *
 * <pre>{@code
 * List<Task<String>> started = TaskGroup.run(tg -> List.of(
 *         tg.createTask(fetch("a")),
 *         tg.createTask(fetch("b"))));
 * // every task of the group is done once run returns
 * List<String> results = started.stream().map(Task::result).toList();
 * }</pre>
 */
public final class TaskGroup {

    /**
     * The block of a task group: Python's {@code async with} body, given the group.
     *
     * @param <T> what the block returns
     */
    @FunctionalInterface
    public interface Body<T extends @Nullable Object> {
        /** Runs the block; it may await, and may throw checked exceptions. */
        T run(TaskGroup tg) throws Exception;
    }

    private final EventLoop loop;
    private final Task<?> parentTask;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private @Nullable Throwable baseError;
    private @Nullable Future<Boolean> onCompleted;

    private TaskGroup(EventLoop loop, Task<?> parentTask) {
        this.loop = loop;
        this.parentTask = parentTask;
    }

    /**
     * Runs {@code body} inline in the calling coroutine with a new group, waits for every task of the
     * group, and returns the body's result.
     *
     * @throws ExceptionGroup when tasks or the body failed
     * @throws CancelledError when the calling task was cancelled from outside
     * @throws IllegalStateException outside a task
     */
    public static <T extends @Nullable Object> T run(Body<T> body) {
        Objects.requireNonNull(body, "TaskGroup.run(body): body must not be null");
        Task<?> parent = Aio.currentTask();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task: run it inside a coroutine");
        }
        TaskGroup tg = new TaskGroup(parent.loop, parent);
        T result;
        try {
            result = body.run(tg);
        } catch (Throwable t) {
            tg.exit(t);
            throw dev.coflow.internal.gen.Sneaky.raise(t);
        }
        tg.exit(null);
        return result;
    }

    /**
     * Starts {@code coro} as a task of this group: Python's {@code tg.create_task}.
     *
     * @throws IllegalStateException "TaskGroup ... is finished" or "... is shutting down"
     */
    public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /** As {@link #createTask(Coroutine)}, with a name. */
    public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro, @Nullable String name) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        task.addDoneCallback(this::onTaskDone);
        tasks.add(task);
        return task;
    }

    /** Python's {@code __aexit__}. */
    private void exit(@Nullable Throwable error) {
        exiting = true;
        if (error != null && isBaseError(error) && baseError == null) {
            baseError = error;
        }
        Throwable propagateCancellation = error instanceof CancelledError ? error : null;
        if (parentCancelRequested && parentTask.uncancel() == 0) {
            propagateCancellation = null;
        }
        if (error != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            Future<Boolean> f = onCompleted;
            if (f == null) {
                f = loop.createFuture();
                onCompleted = f;
            }
            try {
                Aio.await(f);
            } catch (CancelledError ex) {
                if (!aborting) {
                    propagateCancellation = ex;
                    abort();
                }
            }
            onCompleted = null;
        }
        Throwable base = baseError;
        if (base != null) {
            throw dev.coflow.internal.gen.Sneaky.raise(base);
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw dev.coflow.internal.gen.Sneaky.raise(propagateCancellation);
        }
        if (error != null && !(error instanceof CancelledError)) {
            errors.add(error);
        }
        if (!errors.isEmpty()) {
            ExceptionGroup group = new ExceptionGroup("unhandled errors in a TaskGroup", errors);
            errors.clear(); // as Python drops its list: the group holds them now
            throw group;
        }
    }

    private static boolean isBaseError(Throwable t) {
        return t instanceof VirtualMachineError || t instanceof LinkageError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> future) {
        Task<?> task = (Task<?>) future;
        tasks.remove(task);
        Future<Boolean> f = onCompleted;
        if (f != null && tasks.isEmpty() && !f.done()) {
            f.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parentTask.done()) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Task " + task + " has errored out but its parent task " + parentTask
                    + " is already completed");
            ctx.put("exception", exc);
            ctx.put("task", task);
            loop.callExceptionHandler(ctx);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (exiting) {
            sb.append(" exiting");
        }
        return sb.append('>').toString();
    }
}
