package dev.coflow.aio;

import dev.coflow.gen.StopIteration;
import dev.coflow.internal.gen.Sneaky;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A result that is not there yet: Python's {@code asyncio.Future}. It is PENDING until
 * {@link #setResult}, {@link #setException} or {@link #cancel()} makes it done (FINISHED or CANCELLED);
 * then its done-callbacks are scheduled on its loop with {@code callSoon}, in registration order.
 * A coroutine suspends on it with {@code await(future)}; awaiting a done future returns at once.
 *
 * <p>Thread-safety: not thread-safe; use it from its event loop's thread (from other threads, go
 * through {@link EventLoop#callSoonThreadsafe}).
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * f.addDoneCallback(done -> print("got " + done.result()));
 * loop.callSoon(() -> f.setResult("hello"));
 * loop.runUntilComplete(f);   // "hello"; the callback printed "got hello"
 * }</pre>
 *
 * @param <T> the result type
 */
public class Future<T extends @Nullable Object> {

    static final byte PENDING = 0;
    static final byte FINISHED = 1;
    static final byte CANCELLED = 2;

    final EventLoop loop;
    private byte state;
    private @Nullable T result;
    private @Nullable Throwable exception;
    /** Python's {@code _cancel_message}; a task sets it when a cancel request is pending. */
    @Nullable String cancelMessage;
    /** Python's {@code _cancelled_exc}: handed out once, to the first who asks why it was cancelled. */
    @Nullable CancelledError cancelledExc;
    /** {@code null}, one {@link DoneCallback} or {@link Task} (a task's wakeup), or a {@code List} of them. */
    private @Nullable Object callbacks;
    private @Nullable UnretrievedException unretrieved;

    Future(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop this future belongs to: its callbacks run there. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Whether it is done: it has a result, an exception, or was cancelled. */
    public final boolean done() {
        return state != PENDING;
    }

    /** Whether it was cancelled. */
    public final boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result: Python's {@code fut.result()}. If it finished with an exception, throws that
     * exception, as the same instance (checked ones too).
     *
     * @throws CancelledError if it was cancelled
     * @throws InvalidStateError "Result is not set." while it is pending
     */
    @SuppressWarnings("NullAway") // T itself may be a nullable type: null is a legal result
    public final T result() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state != FINISHED) {
            throw new InvalidStateError("Result is not set.");
        }
        Throwable e = exception;
        if (e != null) {
            retrieved();
            throw Sneaky.raise(e);
        }
        return result;
    }

    /**
     * The exception it finished with, or {@code null} if it finished with a result: Python's
     * {@code fut.exception()}. Asking counts as retrieving it (no "never retrieved" report).
     *
     * @throws CancelledError if it was cancelled
     * @throws InvalidStateError "Exception is not set." while it is pending
     */
    public final @Nullable Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state != FINISHED) {
            throw new InvalidStateError("Exception is not set.");
        }
        retrieved();
        return exception;
    }

    /**
     * Marks it done with {@code value} and schedules the done-callbacks.
     *
     * @throws InvalidStateError "invalid state" if it is already done
     */
    public void setResult(@Nullable T value) {
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Marks it done with {@code exception}, which {@link #result()} and {@code await} rethrow, and
     * schedules the done-callbacks.
     *
     * @throws InvalidStateError "invalid state" if it is already done
     * @throws IllegalArgumentException for a {@link StopIteration}, which "interacts badly with
     *     generators and cannot be raised into a Future" (Python raises TypeError)
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "setException(exception): exception must not be null");
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        if (exception instanceof StopIteration) {
            throw new IllegalArgumentException(
                    "StopIteration interacts badly with generators and cannot be raised into a Future");
        }
        this.exception = exception;
        state = FINISHED;
        unretrieved = UnretrievedException.track(this, exception);
        scheduleCallbacks();
    }

    /**
     * Cancels it: returns {@code false} if it is already done, else marks it CANCELLED, schedules the
     * done-callbacks and returns {@code true}.
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels it with a message that the {@link CancelledError} raised by {@link #result()} carries in
     * {@link CancelledError#args()}: Python's {@code fut.cancel(msg)}.
     */
    public boolean cancel(@Nullable String msg) {
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        cancelMessage = msg;
        scheduleCallbacks();
        return true;
    }

    /**
     * Calls {@code callback} with this future once it is done, through the loop's {@code callSoon}
     * (never synchronously, even if it is done already), in the context current now.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        Objects.requireNonNull(callback, "addDoneCallback(callback): callback must not be null");
        addCallback(new DoneCallback<>(this, callback, Context.copyCurrent()));
    }

    /**
     * Removes every registration of {@code callback} (compared with {@code equals}) that has not been
     * scheduled yet, and returns how many were removed.
     */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        Object cbs = callbacks;
        if (cbs instanceof DoneCallback<?> one) {
            if (one.callback.equals(callback)) {
                callbacks = null;
                return 1;
            }
            return 0;
        }
        if (cbs instanceof List<?> list) {
            int before = list.size();
            list.removeIf(c -> c instanceof DoneCallback<?> d && d.callback.equals(callback));
            return before - list.size();
        }
        return 0;
    }

    /** As {@link #addDoneCallback(Consumer)}, in a given context (internal callbacks share one). */
    final void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        addCallback(new DoneCallback<>(this, callback, context));
    }

    /** Registers a callback object: a {@link DoneCallback}, or a {@link Task} waiting on this future. */
    @SuppressWarnings("unchecked")
    final void addCallback(Object cb) {
        if (state != PENDING) {
            loop.schedule(cb);
            return;
        }
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = cb;
        } else if (cbs instanceof List<?> list) {
            ((List<Object>) list).add(cb);
        } else {
            List<Object> list = new ArrayList<>(4);
            list.add(cbs);
            list.add(cb);
            callbacks = list;
        }
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof List<?> list) {
            for (Object cb : list) {
                loop.schedule(cb);
            }
        } else {
            loop.schedule(cbs);
        }
    }

    /**
     * What {@code await} raises when it resumes: {@code null} for a result, else the exception or a
     * cancellation error (counted as retrieval), as Python's {@code __wakeup} calling {@code result()}.
     */
    final @Nullable Throwable failureForAwaiter() {
        if (state == CANCELLED) {
            return makeCancelledError();
        }
        Throwable e = exception;
        if (e != null) {
            retrieved();
        }
        return e;
    }

    @SuppressWarnings("NullAway") // T itself may be a nullable type
    final T rawResult() {
        return result;
    }

    /** Python's {@code _make_cancelled_error}: the saved error once, then fresh ones with the message. */
    final CancelledError makeCancelledError() {
        CancelledError saved = cancelledExc;
        if (saved != null) {
            cancelledExc = null;
            return saved;
        }
        return new CancelledError(cancelMessage);
    }

    private void retrieved() {
        UnretrievedException u = unretrieved;
        if (u != null) {
            unretrieved = null;
            u.retrieved();
        }
    }

    /** The word used in reports and {@code toString}: "Future" or "Task". */
    String kindName() {
        return "Future";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(kindName());
        describeState(sb);
        return sb.append('>').toString();
    }

    void describeState(StringBuilder sb) {
        switch (state) {
            case PENDING -> sb.append(" pending");
            case CANCELLED -> sb.append(" cancelled");
            default -> {
                Throwable e = exception;
                if (e != null) {
                    sb.append(" finished exception=").append(e);
                } else {
                    sb.append(" finished result=").append(result);
                }
            }
        }
    }
}
