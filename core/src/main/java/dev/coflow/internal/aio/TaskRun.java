package dev.coflow.internal.aio;

import dev.coflow.aio.CancelledError;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One subscription to a coroutine-backed one-shot source of a bridge (Reactor's {@code Mono}, RxJava's
 * {@code Single}, {@code Maybe} and {@code Completable}): gets its task on the loop's thread, delivers
 * the task's outcome once, and cancels the task when the subscriber leaves. The bridge keeps only its
 * library's glue: how the task is made, where the outcome goes, what a closed loop means to its
 * subscriber.
 *
 * <p>Everything that touches the task runs on the loop's thread: subscribing and cancelling may happen
 * on any thread, so both go through {@link EventLoop#offerThreadsafe}. The cancel hop is posted after the
 * start hop whenever it happens after it, and {@code cancelled} is written before it is posted, so the
 * start sees a cancel that came first and the cancel sees a task that was started first.
 *
 * <p>The {@link CancelledError} that this run's own cancel caused is the expected end, not an outcome:
 * nothing is delivered then. Any other outcome is delivered, even after a cancel (the bridge's emitter
 * drops it or reports it as its library does).
 *
 * @param <T> the type of the task's result
 */
public final class TaskRun<T> {

    /** Where the outcome goes: a bridge's sink or emitter. */
    @FunctionalInterface
    public interface Delivery<T> {
        /** Exactly one call per run: a value (perhaps null) when {@code error} is null, else the error. */
        void deliver(@Nullable T value, @Nullable Throwable error);
    }

    private final EventLoop loop;
    private final Supplier<? extends Task<? extends @Nullable T>> tasks;
    private final Delivery<T> delivery;
    private volatile boolean cancelled;
    private volatile boolean delivered;
    /** The task, once made; confined to the loop's thread. */
    private @Nullable Task<? extends @Nullable T> task;

    /**
     * @param loop the loop the task runs on
     * @param tasks makes (or hands over) the task, on the loop's thread; what it throws is delivered
     * @param delivery receives the outcome
     */
    public TaskRun(EventLoop loop, Supplier<? extends Task<? extends @Nullable T>> tasks, Delivery<T> delivery) {
        this.loop = loop;
        this.tasks = tasks;
        this.delivery = delivery;
    }

    /**
     * Posts the start to the loop (from the subscribing thread).
     *
     * @return {@code false} if the loop is closed: nothing will run and nothing is delivered; the bridge
     *     tells its subscriber
     */
    public boolean start() {
        return loop.offerThreadsafe(this::begin);
    }

    /** On the loop's thread: makes the task (unless cancelled first) and waits for it. */
    private void begin() {
        if (cancelled) {
            return;
        }
        Task<? extends @Nullable T> t;
        try {
            t = tasks.get();
        } catch (Throwable e) {
            Fatal.rethrowIfFatal(e);
            finish(null, e);
            return;
        }
        task = t;
        t.addDoneCallback(this::outcome);
    }

    /**
     * Delivers the outcome of {@code done}: on the loop's thread, or on any thread for a future whose
     * loop is closed (nothing changes it any more).
     */
    public void outcome(Future<? extends @Nullable T> done) {
        @Nullable T value;
        try {
            value = done.result();
        } catch (Throwable e) {
            if (cancelled && e instanceof CancelledError) {
                return;
            }
            finish(null, e);
            return;
        }
        finish(value, null);
    }

    private void finish(@Nullable T value, @Nullable Throwable error) {
        delivered = true;
        delivery.deliver(value, error);
    }

    /**
     * The subscriber left (any thread): cancels the task, whose coroutine gets a {@link CancelledError}
     * at its current await and runs its {@code finally} blocks. A no-op once the outcome was delivered,
     * and on a closed loop, which has no task step left to cancel.
     */
    public void cancel() {
        if (delivered) {
            return;
        }
        cancelled = true;
        loop.offerThreadsafe(this::cancelTask);
    }

    private void cancelTask() {
        Task<? extends @Nullable T> t = task;
        if (t != null) {
            t.cancel();
        }
    }
}
