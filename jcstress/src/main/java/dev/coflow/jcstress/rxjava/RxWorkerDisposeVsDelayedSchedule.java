package dev.coflow.jcstress.rxjava;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.EventLoop;
import dev.coflow.jcstress.Loops;
import dev.coflow.rxjava.CoRx;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * A worker of {@code CoRx.scheduler(loop)} disposed from another thread while its loop's owner schedules a
 * task delayed by an hour on it and then runs the loop (until the dispose is done, and a few iterations
 * more). It never runs (the worker is disposed long before the hour), and the loop's timer queue holds
 * nothing afterwards: disposing cancels the timer, whether it was armed already or not.
 *
 * <p>Result: accepted (1) or refused (0: the worker returns {@code Disposable.disposed()}); the task's
 * runs; the returned Disposable disposed (1) in the end; the worker disposed (1); callbacks and timers the
 * loop still holds.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t RxWorkerDisposeVsDelayedSchedule
 * }</pre>
 */
@JCStressTest
@Description("RxJava scheduler: worker dispose vs delayed schedule")
@Outcome(id = "1, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "accepted, then disposed: its timer cancelled and gone")
@Outcome(id = "0, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "refused: the worker was disposed")
@State
public class RxWorkerDisposeVsDelayedSchedule {

    private final EventLoop loop = EventLoop.create();
    private final Scheduler.Worker worker = CoRx.scheduler(loop).createWorker();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean disposed;
    private volatile @Nullable Disposable scheduled;

    /** The loop's owner: schedules the task, then runs the loop until the dispose is done. */
    @Actor
    public void scheduleAndRunLoop(IIIII_Result r) {
        Disposable d = worker.schedule(runs::incrementAndGet, 1, TimeUnit.HOURS);
        scheduled = d;
        r.r1 = d == Disposable.disposed() ? 0 : 1;
        Loops.runUntil(loop, () -> disposed);
        Loops.runIterations(loop, 3);
    }

    /** Disposes the worker, from another thread. */
    @Actor
    public void dispose() {
        worker.dispose();
        disposed = true;
    }

    /** Records the task's fate and what the loop holds. */
    @Arbiter
    public void observe(IIIII_Result r) {
        Disposable d = scheduled;
        r.r2 = runs.get();
        r.r3 = d == null || d.isDisposed() ? 1 : 0;
        r.r4 = worker.isDisposed() ? 1 : 0;
        r.r5 = Loops.queued(loop);
        loop.close();
    }
}
