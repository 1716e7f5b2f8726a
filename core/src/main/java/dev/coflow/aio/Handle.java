package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * A callback scheduled on an {@link EventLoop} by {@code callSoon} or {@code callSoonThreadsafe}:
 * Python's {@code asyncio.Handle}. It runs in the {@link Context} that was current when it was scheduled.
 *
 * <p>Thread-safety: {@link #cancel()} must be called on the loop's thread (or before the loop runs).
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> print("never printed"));
 * h.cancel();
 * }</pre>
 */
public class Handle {

    private @Nullable Runnable callback;
    private final Context context;
    /** The thread-local context of the thread that scheduled it from outside the loop, or null. */
    final @Nullable Object threadLocals;
    private boolean cancelled;

    Handle(@Nullable Runnable callback, Context context) {
        this(callback, context, null);
    }

    Handle(@Nullable Runnable callback, Context context, @Nullable Object threadLocals) {
        this.callback = callback;
        this.context = context;
        this.threadLocals = threadLocals;
    }

    /** Prevents the callback from running, if it has not run yet: Python's {@code handle.cancel()}. */
    public void cancel() {
        cancelled = true;
        callback = null;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The context the callback runs in: Python's {@code handle.get_context()}. */
    public Context getContext() {
        return context;
    }

    /** Runs the callback; the loop catches what it throws. */
    void run() {
        Runnable r = callback;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public String toString() {
        Runnable r = callback;
        return "<" + getClass().getSimpleName() + (cancelled ? " cancelled" : " " + r) + ">";
    }
}
