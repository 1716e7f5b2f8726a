package dev.coflow.rxjava;

import dev.coflow.aio.EventLoop;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler.Worker} of an {@link EventLoopScheduler}: its tasks run on the loop's thread, one
 * at a time (the loop runs one callback at a time), immediate ones in the order they were scheduled
 * (the loop's thread-safe queue is FIFO), interleaved with the loop's other callbacks and coroutine
 * steps. {@link #dispose()} stops every task not yet started.
 *
 * <p>Immediate tasks are not tracked: each checks the worker's {@code volatile} flag before it runs.
 * Delayed tasks are tracked, so that disposing the worker also removes their timers from the loop.
 */
final class LoopWorker extends Scheduler.Worker {

    private final EventLoopScheduler scheduler;
    private volatile boolean disposed;
    private final CompositeDisposable delayedTasks = new CompositeDisposable();

    LoopWorker(EventLoopScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
        Objects.requireNonNull(run, "schedule(run, delay, unit): run must not be null");
        Objects.requireNonNull(unit, "schedule(run, delay, unit): unit must not be null");
        if (disposed) {
            return Disposable.disposed();
        }
        EventLoop loop = scheduler.loop();
        LoopAction action = new LoopAction(loop, RxJavaPlugins.onSchedule(run), this, delay, unit);
        if (delay > 0 && !delayedTasks.add(action)) {
            return Disposable.disposed(); // the worker was disposed meanwhile; add disposed the action
        }
        return action.schedule();
    }

    /** A delayed task ran or was disposed: the worker no longer needs to cancel it. */
    void forget(LoopAction action) {
        delayedTasks.delete(action);
    }

    @Override
    public long now(TimeUnit unit) {
        return scheduler.now(unit);
    }

    @Override
    public void dispose() {
        if (!disposed) {
            disposed = true;
            delayedTasks.dispose();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
