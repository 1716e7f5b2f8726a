package dev.coflow.rxjava;

import dev.coflow.aio.EventLoop;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventLoop} as an RxJava {@link Scheduler} (behind {@link CoRx#scheduler}): every task runs
 * as a callback or timer of the loop, on the loop's thread, between its coroutine steps. The clock is
 * the loop's ({@link EventLoop#time()}), so on a virtual-time loop RxJava's timed operators follow the
 * virtual clock too.
 *
 * <p>The scheduler does not own the loop: {@link #shutdown()} leaves it running, and tasks scheduled
 * on a closed loop are rejected (the error goes to {@link RxJavaPlugins#onError}).
 */
final class EventLoopScheduler extends Scheduler {

    private final EventLoop loop;

    EventLoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    @Override
    public Worker createWorker() {
        return new LoopWorker(this);
    }

    /** One task, without a worker: nothing to dispose after it runs. */
    @Override
    public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
        Objects.requireNonNull(run, "scheduleDirect(run, delay, unit): run must not be null");
        Objects.requireNonNull(unit, "scheduleDirect(run, delay, unit): unit must not be null");
        return new LoopAction(loop, RxJavaPlugins.onSchedule(run), null, delay, unit).schedule();
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(Math.round(loop.time() * 1e9), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "CoRx.scheduler(" + loop + ")";
    }
}
