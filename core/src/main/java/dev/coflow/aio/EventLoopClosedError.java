package dev.coflow.aio;

import java.io.Serial;

/**
 * The event loop is closed, so it takes no more work: what a closed loop throws from
 * {@link EventLoop#callSoonThreadsafe}, {@link EventLoop#callSoon}, {@link EventLoop#createTask},
 * {@link EventLoop#submit}, {@link EventLoop#runForever()} and the other calls that would schedule
 * something. The message is always "Event loop is closed".
 *
 * <p>Python counterpart: the {@code RuntimeError('Event loop is closed')} of
 * {@code BaseEventLoop._check_closed}. It is a type of its own here so that a caller can tell a closed
 * loop from other misuse (a coroutine awaited twice, a call from the wrong thread), which throw a plain
 * {@link IllegalStateException}; it extends that class, so older {@code catch} blocks still see it. Code
 * that only wants to know whether a callback was taken asks {@link EventLoop#offerThreadsafe} instead
 * of catching this.
 *
 * <p>Thread-safety: immutable.
 *
 * <pre>{@code
 * loop.close();
 * try {
 *     loop.callSoonThreadsafe(work);
 * } catch (EventLoopClosedError e) {
 *     // e.getMessage(): "Event loop is closed"
 * }
 * }</pre>
 */
public class EventLoopClosedError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with Python's message, "Event loop is closed". */
    public EventLoopClosedError() {
        super("Event loop is closed");
    }
}
