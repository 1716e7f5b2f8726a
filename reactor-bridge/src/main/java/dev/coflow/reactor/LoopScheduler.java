package dev.coflow.reactor;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.TimerHandle;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * An {@link EventLoop} as a Reactor {@link Scheduler} (behind {@code CoReactor.scheduler(loop)}): every
 * task runs on the loop's thread, in order with its callbacks and coroutine steps, so
 * {@code publishOn(scheduler)} hands items to code that may touch the loop's state without locks.
 *
 * <p>Tasks go through {@link EventLoop#callSoonThreadsafe}; a delayed or periodic task is then put on the
 * loop's timer queue by the loop itself, at a deadline taken on the loop's clock when it was scheduled
 * (a virtual-time loop therefore runs them in virtual time). Disposal is tracked here, with volatile
 * state, never by touching the loop's non-thread-safe handles from a foreign thread.
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
        LoopTask t = new LoopTask(task, delayNanos <= 0 && periodNanos == 0 ? Double.NaN
                : loop.time() + delayNanos / 1e9, periodNanos / 1e9, parent);
        if (!parent.add(t)) {
            throw Exceptions.failWithRejected("the scheduler of " + loop + " is disposed");
        }
        try {
            loop.callSoonThreadsafe(t::start);
        } catch (IllegalStateException closed) {
            parent.remove(t);
            throw Exceptions.failWithRejected(closed);
        }
        return t;
    }

    /** One scheduled task; its timer fields are touched on the loop's thread only. */
    private final class LoopTask implements Runnable, Disposable {
        private final Runnable task;
        private final Disposable.Composite parent;
        private final double period;
        private final boolean timed;
        private double at;
        private volatile boolean disposed;
        private @Nullable TimerHandle timer;

        LoopTask(Runnable task, double at, double period, Disposable.Composite parent) {
            this.task = task;
            this.at = at;
            this.period = period;
            this.parent = parent;
            this.timed = !Double.isNaN(at);
        }

        /** On the loop: runs now, or arms the timer for its deadline. */
        void start() {
            if (disposed) {
                return;
            }
            if (!timed) {
                run();
            } else {
                timer = loop.callAt(at, this);
            }
        }

        @Override
        public void run() {
            if (disposed) {
                return;
            }
            try {
                task.run(); // what it throws goes to the loop's exception handler, as a callback's does
            } finally {
                if (period > 0 && !disposed) {
                    at += period; // fixed rate, as Reactor's own schedulers
                    timer = loop.callAt(at, this);
                } else {
                    disposed = true;
                    parent.remove(this);
                }
            }
        }

        @Override
        public void dispose() {
            if (disposed) {
                return;
            }
            disposed = true;
            parent.remove(this);
            if (!timed) {
                return;
            }
            try {
                loop.callSoonThreadsafe(() -> {
                    TimerHandle h = timer;
                    if (h != null) {
                        h.cancel(); // frees the loop's timer queue early
                    }
                });
            } catch (IllegalStateException closed) {
                // a closed loop runs nothing any more
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed;
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
