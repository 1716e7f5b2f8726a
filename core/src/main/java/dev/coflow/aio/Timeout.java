package dev.coflow.aio;

import dev.coflow.internal.gen.Sneaky;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A deadline for a block of code inside a coroutine: Python 3.11's {@code async with asyncio.timeout(d)}.
 * When the deadline passes, the task running the block is cancelled, so the block sees
 * {@link CancelledError} at its current {@code await} (its {@code finally} blocks run); {@link #run}
 * turns that into {@link TimeoutError}. Created by {@link Aio#timeout} or {@link Aio#timeoutAt}.
 *
 * <p>Thread-safety: use it in the coroutine that created it.
 *
 * <pre>{@code
 * try {
 *     Aio.timeout(Duration.ofSeconds(1)).run(() -> {
 *         await(sleep(Duration.ofHours(1)));
 *         return null;
 *     });
 * } catch (TimeoutError e) {
 *     print("too slow");
 * }
 * }</pre>
 */
public final class Timeout {

    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private final EventLoop loop;
    private @Nullable Double when;
    private State state = State.CREATED;
    private @Nullable Handle handler;
    private @Nullable Task<?> task;

    Timeout(EventLoop loop, @Nullable Double when) {
        this.loop = loop;
        this.when = when;
    }

    /** The deadline on the loop's {@link EventLoop#time()} scale, or null for none. */
    public @Nullable Double when() {
        return when;
    }

    /**
     * Moves the deadline (null: none) while the block runs: Python's {@code reschedule(when)}. A deadline
     * already passed fires at the block's next {@code await}.
     *
     * @throws IllegalStateException before {@link #run} entered the block, or after it expired or exited
     */
    public void reschedule(@Nullable Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException(
                    "Cannot change state of " + state.name().toLowerCase(Locale.ROOT) + " Timeout");
        }
        when = newWhen;
        Handle h = handler;
        if (h != null) {
            h.cancel();
        }
        if (newWhen == null) {
            handler = null;
        } else if (newWhen <= loop.time()) {
            handler = loop.callSoon(this::onTimeout);
        } else {
            handler = loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** Whether the deadline passed and cancelled the block: Python's {@code expired()}. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Runs {@code body} inline in the calling coroutine under this deadline and returns its result.
     *
     * @throws TimeoutError if the deadline passed (its cause is the {@link CancelledError} that
     *     interrupted the body)
     * @throws IllegalStateException outside a task, or if this timeout was used before
     */
    @SuppressWarnings("NullAway") // T itself may be a nullable type: a null result is legal
    public <T extends @Nullable Object> T run(CoroutineBody<T> body) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> current = Aio.currentTask();
        if (current == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = current;
        reschedule(when);
        T result;
        try {
            result = body.call();
        } catch (Throwable t) {
            exit(t);
            throw Sneaky.raise(t);
        }
        exit(null);
        return result;
    }

    /** Python's {@code __aexit__}. */
    private void exit(@Nullable Throwable error) {
        Handle h = handler;
        if (h != null) {
            h.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (requireTask().uncancel() == 0 && error instanceof CancelledError) {
                throw new TimeoutError(error);
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
    }

    private void onTimeout() {
        requireTask().cancel();
        state = State.EXPIRING;
        handler = null;
    }

    private Task<?> requireTask() {
        Task<?> t = task;
        if (t == null) {
            throw new IllegalStateException("Timeout has not been entered");
        }
        return t;
    }

    @Override
    public String toString() {
        return "<Timeout [" + state.name().toLowerCase(Locale.ROOT) + "] when=" + when + ">";
    }
}
