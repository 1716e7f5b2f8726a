package dev.coflow.reactor;

import dev.coflow.aio.LoopDriver;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Drives an event loop on one worker of a Reactor {@link Scheduler}: turns are worker tasks, so they run
 * in order on the worker's thread (a Netty event loop, {@code Schedulers.single()}'s thread...), and the
 * loop's clock is the scheduler's, so a {@code VirtualTimeScheduler} drives its timers in virtual time.
 * Closing the loop disposes the worker.
 */
final class WorkerDriver implements LoopDriver {

    private final Scheduler scheduler;
    private final Scheduler.Worker worker;

    WorkerDriver(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.worker = scheduler.createWorker();
    }

    @Override
    public void runSoon(Runnable turn) {
        worker.schedule(turn);
    }

    @Override
    public Runnable runLater(Runnable turn, long delayNanos) {
        Disposable scheduled = worker.schedule(turn, delayNanos, TimeUnit.NANOSECONDS);
        return scheduled::dispose;
    }

    @Override
    public long nanoTime() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public void loopClosed() {
        worker.dispose();
    }
}
