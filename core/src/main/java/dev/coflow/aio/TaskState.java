package dev.coflow.aio;

/**
 * The four states of a {@link Task} that the seed tutorial describes. Python's asyncio itself only has PENDING,
 * FINISHED and CANCELLED (a running or suspended task is PENDING there); Coflow adds RUNNING for the time
 * one of the task's steps executes, which is what the seed means by "Running".
 *
 * <pre>{@code
 * Task<String> t = loop.createTask(hello());
 * t.state();                  // PENDING: created, not started
 * // inside hello: Aio.currentTask().state() == RUNNING
 * loop.runUntilComplete(t);
 * t.state();                  // DONE
 * }</pre>
 */
public enum TaskState {
    /** Created and not started yet, or suspended at an {@code await}. */
    PENDING,
    /** One of its steps is executing right now (only observable from the task itself). */
    RUNNING,
    /** Finished with a result or an exception (asyncio's FINISHED). */
    DONE,
    /** Cancelled: the {@link CancelledError} propagated out of its coroutine, or it never started. */
    CANCELLED
}
