package dev.coflow.rxjava;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.TimerHandle;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One runnable that an {@link EventLoopScheduler} or one of its workers handed to the event loop: a
 * callback of the loop (at once, FIFO behind the callbacks already scheduled) or a timer of the loop
 * (at {@code loop.time() + delay}). It runs at most once, on the loop's thread, and not at all once it
 * or its worker is disposed.
 *
 * <p>The state is one atomic int so that {@code dispose()} from any thread and the run on the loop's
 * thread agree on who wins (with a plain boolean, checked and then acted on, a task disposed between
 * the check and the run would still run). The loop's handles may only be cancelled on the loop's thread, so disposing a delayed
 * action also posts the cancellation of its timer there: the loop's timer queue (and a virtual-time
 * loop's clock, which jumps to the next timer) then forgets it.
 */
final class LoopAction implements Runnable, Disposable {

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;
    private static final int DISPOSED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LoopAction.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final Runnable task;
    /** The worker this action belongs to; null for {@code scheduleDirect}. */
    private final @Nullable LoopWorker worker;
    private final boolean delayed;
    private volatile int state;
    /** The loop's timer for a delayed action; confined to the loop's thread. */
    private @Nullable TimerHandle timer;

    LoopAction(EventLoop loop, Runnable task, @Nullable LoopWorker worker, boolean delayed) {
        this.loop = loop;
        this.task = task;
        this.worker = worker;
        this.delayed = delayed;
    }

    /**
     * Hands the action to the loop. The deadline of a delayed action is taken now, on the calling
     * thread, so the hop to the loop's thread (where timers are made) does not delay it.
     *
     * @return this, or a disposed {@code Disposable} if the loop is closed (the error then goes to
     *     {@link RxJavaPlugins#onError}, as RxJava's executor schedulers report a rejected task)
     */
    Disposable submit(long delay, TimeUnit unit) {
        try {
            if (delayed) {
                double when = loop.time() + unit.toNanos(delay) / 1e9;
                loop.callSoonThreadsafe(() -> arm(when));
            } else {
                loop.callSoonThreadsafe(this);
            }
        } catch (IllegalStateException closed) {
            dispose();
            RxJavaPlugins.onError(closed);
            return Disposable.disposed();
        }
        return this;
    }

    private void arm(double when) {
        if (state == PENDING) {
            timer = loop.callAt(when, this);
        }
    }

    @Override
    public void run() {
        if (!STATE.compareAndSet(this, PENDING, RUNNING)) {
            return;
        }
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
        } finally {
            timer = null;
            STATE.compareAndSet(this, RUNNING, FINISHED);
            if (w != null && delayed) {
                w.forget(this);
            }
        }
    }

    /** Stops the action if it has not started; a running action finishes (no interruption). */
    @Override
    public void dispose() {
        if ((int) STATE.getAndSet(this, DISPOSED) != PENDING) {
            return;
        }
        LoopWorker w = worker;
        if (w != null && delayed) {
            w.forget(this);
        }
        if (delayed) {
            try {
                loop.callSoonThreadsafe(this::cancelTimer);
            } catch (IllegalStateException closed) {
                // a closed loop has dropped its timers already
            }
        }
    }

    private void cancelTimer() {
        TimerHandle t = timer;
        if (t != null) {
            timer = null;
            t.cancel();
        }
    }

    /** Disposed, or ran (as RxJava's scheduled runnables report). */
    @Override
    public boolean isDisposed() {
        return state >= FINISHED;
    }

    @Override
    public String toString() {
        return "LoopAction[" + task + "]";
    }
}
