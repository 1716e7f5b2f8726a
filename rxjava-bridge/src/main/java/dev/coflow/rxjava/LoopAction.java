package dev.coflow.rxjava;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.internal.aio.ScheduledAction;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One runnable that an {@link EventLoopScheduler} or one of its workers handed to the event loop: core's
 * {@link ScheduledAction} (shared with the Reactor bridge: a callback or a timer of the loop, run at
 * most once on the loop's thread, not at all once disposed) with RxJava's glue: a failing task and a
 * closed loop are reported to {@link RxJavaPlugins#onError}, a disposed worker runs nothing, and a
 * delayed action leaves its worker's bookkeeping when it is over.
 */
final class LoopAction extends ScheduledAction implements Disposable {

    private final Runnable task;
    /** The worker this action belongs to; null for {@code scheduleDirect}. */
    private final @Nullable LoopWorker worker;

    /** A delay {@code > 0} makes a timer of the loop, due at {@code loop.time() + delay} taken now. */
    LoopAction(EventLoop loop, Runnable task, @Nullable LoopWorker worker, long delay, TimeUnit unit) {
        super(loop, delay > 0 ? unit.toNanos(delay) : 0, 0);
        this.task = task;
        this.worker = worker;
    }

    /**
     * Hands the action to the loop.
     *
     * @return this, or a disposed {@code Disposable} if the loop is closed (the error then goes to
     *     {@link RxJavaPlugins#onError}, as RxJava's executor schedulers report a rejected task)
     */
    Disposable schedule() {
        if (!submit()) {
            dispose();
            RxJavaPlugins.onError(new EventLoopClosedError());
            return Disposable.disposed();
        }
        return this;
    }

    @Override
    protected void execute() {
        LoopWorker w = worker;
        try {
            if (w == null || !w.isDisposed()) {
                task.run();
            }
        } catch (Throwable t) {
            // RxJava's schedulers report a failing task to the global hook; the loop's own exception
            // handler is not told as well, so that the error is reported once.
            Exceptions.throwIfFatal(t);
            RxJavaPlugins.onError(t);
        }
    }

    @Override
    protected void ended() {
        LoopWorker w = worker;
        if (w != null && isTimed()) {
            w.forget(this);
        }
    }

    @Override
    public String toString() {
        return "LoopAction[" + task + "]";
    }
}
