package dev.coflow.reactor;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.internal.aio.ScheduledAction;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * An {@link EventLoop} as a Reactor {@link Scheduler} (behind {@code CoReactor.scheduler(loop)}): every
 * task runs on the loop's thread, in order with its callbacks and coroutine steps, so
 * {@code publishOn(scheduler)} hands items to code that may touch the loop's state without locks.
 *
 * <p>Each task is a core {@link ScheduledAction}, shared with the RxJava bridge: it goes through
 * {@link EventLoop#offerThreadsafe}; a delayed or periodic task is then put on the loop's timer queue by
 * the loop itself, at a deadline taken on the loop's clock when it was scheduled (a virtual-time loop
 * therefore runs them in virtual time). Disposal is an atomic state of the action, never a touch of the
 * loop's non-thread-safe handles from a foreign thread.
 */
final class LoopScheduler implements Scheduler {

    private final EventLoop loop;
    /** Every pending task and worker, so that {@link #dispose()} stops them all. */
    private final Disposable.Composite tasks = Disposables.composite();

    LoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return submit(task, 0, 0, tasks);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return submit(task, unit.toNanos(delay), 0, tasks);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("schedulePeriodically: period must be positive, was " + period);
        }
        return submit(task, unit.toNanos(initialDelay), unit.toNanos(period), tasks);
    }

    @Override
    public long now(TimeUnit unit) {
        // A virtual-time loop has its own clock; a real loop keeps Reactor's wall clock for timestamps.
        if (loop.isVirtualTime()) {
            return unit.convert((long) (loop.time() * 1e9), TimeUnit.NANOSECONDS);
        }
        return Scheduler.super.now(unit);
    }

    @Override
    public Worker createWorker() {
        LoopWorker worker = new LoopWorker();
        if (!tasks.add(worker)) {
            throw Exceptions.failWithRejected("the scheduler of " + loop + " is disposed");
        }
        return worker;
    }

    @Override
    public void dispose() {
        tasks.dispose();
    }

    @Override
    public boolean isDisposed() {
        return tasks.isDisposed();
    }

    @Override
    public String toString() {
        return "CoReactor.scheduler(" + loop + ")";
    }

    private Disposable submit(Runnable task, long delayNanos, long periodNanos, Disposable.Composite parent) {
        LoopTask t = new LoopTask(task, delayNanos, periodNanos, parent);
        if (!parent.add(t)) {
            throw Exceptions.failWithRejected("the scheduler of " + loop + " is disposed");
        }
        if (!t.submit()) {
            parent.remove(t);
            throw Exceptions.failWithRejected(new EventLoopClosedError());
        }
        return t;
    }

    /**
     * One scheduled task: core's {@link ScheduledAction} (run at most once per period, disposal from any
     * thread, timers cancelled on the loop), with Reactor's bookkeeping: it leaves its composite when
     * over. What the task throws goes to the loop's exception handler, as a callback's does.
     */
    private final class LoopTask extends ScheduledAction implements Disposable {
        private final Runnable task;
        private final Disposable.Composite parent;

        LoopTask(Runnable task, long delayNanos, long periodNanos, Disposable.Composite parent) {
            super(loop, delayNanos, periodNanos);
            this.task = task;
            this.parent = parent;
        }

        @Override
        protected void execute() {
            task.run();
        }

        @Override
        protected void ended() {
            parent.remove(this);
        }
    }

    /** A worker: its tasks run in order on the loop; disposing it cancels those still pending. */
    private final class LoopWorker implements Worker {
        private final Disposable.Composite workerTasks = Disposables.composite();

        @Override
        public Disposable schedule(Runnable task) {
            return submit(task, 0, 0, workerTasks);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return submit(task, unit.toNanos(delay), 0, workerTasks);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            if (period <= 0) {
                throw new IllegalArgumentException("schedulePeriodically: period must be positive, was " + period);
            }
            return submit(task, unit.toNanos(initialDelay), unit.toNanos(period), workerTasks);
        }

        @Override
        public void dispose() {
            workerTasks.dispose();
            tasks.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return workerTasks.isDisposed();
        }
    }
}
