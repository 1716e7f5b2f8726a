package dev.coflow.jcstress.reactor;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.EventLoop;
import dev.coflow.jcstress.Loops;
import dev.coflow.reactor.CoReactor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A worker of {@code CoReactor.scheduler(loop)} disposed from another thread while its loop's owner
 * schedules a task on it and then runs the loop (until the dispose is done, and a few iterations more). It
 * either runs or never runs, and is never left pending: accepted and neither run nor disposed is
 * forbidden.
 *
 * <p>Result: accepted (1) or refused (0: the worker throws {@code RejectedExecutionException}); the task's
 * runs; the returned Disposable disposed (1) in the end; the worker disposed (1); callbacks and timers the
 * loop still holds.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t ReactorWorkerDisposeVsSchedule
 * }</pre>
 */
@JCStressTest
@Description("Reactor scheduler: worker dispose vs schedule")
@Outcome(id = "1, 1, 1, 1, 0", expect = ACCEPTABLE, desc = "accepted and run before the dispose")
@Outcome(id = "1, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "accepted, then disposed before it started: never runs")
@Outcome(id = "0, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "refused: the worker was disposed")
@State
public class ReactorWorkerDisposeVsSchedule {

    private final EventLoop loop = EventLoop.create();
    private final Scheduler.Worker worker = CoReactor.scheduler(loop).createWorker();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean disposed;
    private volatile @Nullable Disposable scheduled;

    /** The loop's owner: schedules the task, then runs the loop until the dispose is done. */
    @Actor
    public void scheduleAndRunLoop(IIIII_Result r) {
        try {
            scheduled = worker.schedule(runs::incrementAndGet);
            r.r1 = 1;
        } catch (RejectedExecutionException refused) {
            r.r1 = 0;
        }
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
