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

    // A suspended task's size matters, so one field, outcome, holds what Python keeps in four
    // (_result, _exception, _cancel_message, _cancelled_exc); the state says which it is, and only the
    // accessors below read or write it:
    //
    //   PENDING    null; for a task, the message of a cancel request its next step delivers
    //      |                                          (requestCancelMessage / cancelMessage)
    //      |-- setResult(v) ---------------> FINISHED   v                      (resultValue)
    //      |-- setException(e) ------------> FAILED     e                      (exceptionValue)
    //      |-- cancel(msg) ----------------> CANCELLED  msg                    (cancelMessage)
    //      '-- a task's coroutine raised --> CANCELLED  that CancelledError, handed out once
    //          CancelledError                           (takeSavedCancelledError), then null
    //
    // Done states are final. cancelUnscheduled is cancel(msg) for a task its closing loop ends.

    static final byte PENDING = 0;
    static final byte FINISHED = 1;
    /** Finished with an exception (Python's FINISHED with {@code _exception} set). */
    static final byte FAILED = 2;
    static final byte CANCELLED = 3;

    final EventLoop loop;
    private byte state;
    /** What the state makes it: see the diagram above; read and written through the accessors only. */
    private @Nullable Object outcome;
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
    public final T result() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Result is not set.");
            case FAILED -> {
                retrieved();
                throw Sneaky.raise(exceptionValue());
            }
            default -> {
                return resultValue();
            }
        }
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
        if (state == PENDING) {
            throw new InvalidStateError("Exception is not set.");
        }
        retrieved();
        return state == FAILED ? exceptionValue() : null;
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
        settle(FINISHED, value);
        scheduleCallbacks();
    }

    /**
     * Marks it done with {@code exception}, which {@link #result()} and {@code await} rethrow, and
     * schedules the done-callbacks.
     *
     * @throws InvalidStateError "invalid state" if it is already done, whatever {@code exception} is
     *     ({@code null} included), as Python checks the state first
     * @throws NullPointerException for a {@code null} exception on a pending future (Python's TypeError
     *     "invalid exception object")
     * @throws IllegalArgumentException for a {@link StopIteration}, which "interacts badly with
     *     generators and cannot be raised into a Future" (Python raises TypeError)
     */
    public void setException(Throwable exception) {
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        Objects.requireNonNull(exception, "setException(exception): exception must not be null");
        if (exception instanceof StopIteration) {
            throw new IllegalArgumentException(
                    "StopIteration interacts badly with generators and cannot be raised into a Future");
        }
        settle(FAILED, exception);
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
        markCancelled(msg);
        return true;
    }

    /** Marks it CANCELLED with {@code msg} and schedules the done-callbacks. */
    private void markCancelled(@Nullable String msg) {
        settle(CANCELLED, msg);
        scheduleCallbacks();
    }

    /**
     * Marks it CANCELLED by {@code error}, which escaped a task's coroutine: the first
     * {@link #makeCancelledError()} hands out that very error (Python's {@code _cancelled_exc}).
     */
    final void markCancelledBy(CancelledError error) {
        settle(CANCELLED, error);
        scheduleCallbacks();
    }

    /**
     * Marks it CANCELLED with {@code msg} without scheduling its callbacks, and returns them ({@code null},
     * one callback, or a {@code List}): for a task that its loop ends as it closes, when nothing can be
     * scheduled any more.
     */
    final @Nullable Object cancelUnscheduled(@Nullable String msg) {
        settle(CANCELLED, msg);
        Object cbs = callbacks;
        callbacks = null;
        return cbs;
    }

    /** The exception it finished with, without counting as retrieval; {@code null} otherwise. */
    final @Nullable Throwable failure() {
        return state == FAILED ? exceptionValue() : null;
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
        if (state == FAILED) {
            retrieved();
            return exceptionValue();
        }
        return null;
    }

    /** The result of a future that finished with one (no checks, no retrieval). */
    final T rawResult() {
        return resultValue();
    }

    /**
     * Python's {@code _make_cancelled_error}: the saved error once, then fresh ones with the message.
     * Also for a pending task with a cancel request, whose message waits in the same place.
     */
    final CancelledError makeCancelledError() {
        CancelledError saved = takeSavedCancelledError();
        return saved != null ? saved : new CancelledError(cancelMessage());
    }

    /** The cancel message: Python's {@code _cancel_message} of a cancelled future or a pending task. */
    final @Nullable String cancelMessage() {
        return (state == CANCELLED || state == PENDING) && outcome instanceof String m ? m : null;
    }

    /** A pending task records the message of a cancel request it will deliver at its next step. */
    final void requestCancelMessage(@Nullable String msg) {
        outcome = msg;
    }

    // ---------------------------------------------------------------- the outcome field's accessors

    /** Enters the done state {@code done} with what it holds: see the diagram at the top. */
    private void settle(byte done, @Nullable Object what) {
        state = done;
        outcome = what;
    }

    /** FINISHED: the result. */
    @SuppressWarnings({"unchecked", "NullAway"}) // T itself may be a nullable type: null is a legal result
    private T resultValue() {
        return (T) outcome;
    }

    /** FAILED: the exception. */
    private Throwable exceptionValue() {
        return (Throwable) Objects.requireNonNull(outcome);
    }

    /**
     * CANCELLED by an error that escaped a task's coroutine: that error, once (the field lets go of it,
     * as Python's {@code _make_cancelled_error} clears {@code _cancelled_exc}); null otherwise.
     */
    private @Nullable CancelledError takeSavedCancelledError() {
        if (state == CANCELLED && outcome instanceof CancelledError saved) {
            outcome = null;
            return saved;
        }
        return null;
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
            case FAILED -> sb.append(" finished exception=").append(exceptionValue());
            default -> sb.append(" finished result=").append(resultValue());
        }
    }
}
