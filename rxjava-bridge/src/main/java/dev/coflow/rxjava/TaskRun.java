package dev.coflow.rxjava;

import dev.coflow.aio.CancelledError;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.functions.Cancellable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One subscription to a {@link TaskSource}: gets its task on the loop's thread, delivers the task's
 * outcome, and cancels the task when the subscriber disposes.
 *
 * <p>Everything that touches the task runs on the loop's thread: subscribing and disposing may happen
 * on any thread, so both go through {@link EventLoop#callSoonThreadsafe}. The disposal hop is posted
 * after the start hop whenever it happens after it, and {@code disposed} is written before it is posted,
 * so the start sees a disposal that came first and the disposal sees a task that was started first.
 *
 * <p>An outcome after disposal is still handed to the {@link Delivery}: RxJava's emitters drop a late
 * value and send a late error to {@code RxJavaPlugins.onError}. The one exception is the
 * {@link CancelledError} this disposal caused, which is the expected end, not an error.
 */
final class TaskRun<T> implements Runnable, Cancellable, Consumer<Future<? extends @Nullable T>> {

    /** Where the outcome goes: an RxJava emitter, through a lambda that fits its type. */
    @FunctionalInterface
    interface Delivery<T> {
        /** Exactly one call per run: a value (perhaps null) when {@code error} is null, else the error. */
        void deliver(@Nullable T value, @Nullable Throwable error);
    }

    private final EventLoop loop;
    private final TaskSource<T> source;
    private final Delivery<T> delivery;
    private volatile boolean disposed;
    private volatile boolean delivered;
    /** The task, once made; confined to the loop's thread. */
    private @Nullable Task<? extends @Nullable T> task;

    TaskRun(EventLoop loop, TaskSource<T> source, Delivery<T> delivery) {
        this.loop = loop;
        this.source = source;
        this.delivery = delivery;
    }

    /** Posts the start to the loop (from the subscribing thread). */
    void start() {
        try {
            loop.callSoonThreadsafe(this);
        } catch (IllegalStateException closed) {
            // A closed loop changes no future any more, so a given task's state is safe to read here.
            Task<? extends @Nullable T> given = source.givenTask();
            if (given != null && given.done()) {
                accept(given);
            } else {
                finish(null, source.closedLoop(closed));
            }
        }
    }

    /** The start, on the loop's thread: makes the task (unless disposed first) and waits for it. */
    @Override
    public void run() {
        if (disposed) {
            return;
        }
        Task<? extends @Nullable T> t;
        try {
            t = source.taskOn(loop);
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            finish(null, e);
            return;
        }
        task = t;
        t.addDoneCallback(this);
    }

    /** The task is done (on the loop's thread). */
    @Override
    public void accept(Future<? extends @Nullable T> done) {
        @Nullable T value;
        try {
            value = done.result();
        } catch (Throwable e) {
            if (disposed && e instanceof CancelledError) {
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

    /** The subscriber disposed (any thread), or the emitter finished: cancels a task still running. */
    @Override
    public void cancel() {
        if (delivered) {
            return;
        }
        disposed = true;
        try {
            loop.callSoonThreadsafe(this::cancelTask);
        } catch (IllegalStateException closed) {
            // a closed loop runs nothing any more: there is no task step left to cancel
        }
    }

    private void cancelTask() {
        Task<? extends @Nullable T> t = task;
        if (t != null) {
            t.cancel();
        }
    }
}
