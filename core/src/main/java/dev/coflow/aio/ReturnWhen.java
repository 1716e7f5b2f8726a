package dev.coflow.aio;

/**
 * When {@link Aio#wait} returns: Python's {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and
 * {@code ALL_COMPLETED}.
 *
 * <pre>{@code
 * WaitResult<Task<String>> r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED, null));
 * }</pre>
 */
public enum ReturnWhen {
    /** As soon as any future is done (or cancelled). */
    FIRST_COMPLETED,
    /** As soon as any future finishes with an exception; like ALL_COMPLETED if none does. */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
