package dev.coflow.jcstress.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import dev.coflow.jcstress.Loops;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * A task's {@code cancel()}, posted from another thread with {@link EventLoop#callSoonThreadsafe} (a
 * task is loop-confined), racing its steps: the owner runs {@code runUntilComplete(task)} over a body of
 * three steps ({@code sleep(0)} between them). Wherever the cancel lands, the task ends in one
 * consistent state: cancelled at a step boundary with its {@code finally} run once (or before its first
 * step, when its body never runs), or finished, when {@code cancel()} comes too late and returns false.
 *
 * <p>Result: runUntilComplete returned (1) or raised CancelledError (2); steps the body completed;
 * its {@code finally} runs; what cancel() returned (1 true, 0 false); the task's final state (1 result,
 * 2 cancelled).
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t TaskCancelVsStep
 * }</pre>
 */
@JCStressTest
@Description("Task: cancel() posted from another thread vs the task's steps")
@Outcome(id = "2, 0, 0, 1, 2", expect = ACCEPTABLE, desc = "cancelled before its first step: the body never ran")
@Outcome(id = "2, 1, 1, 1, 2", expect = ACCEPTABLE, desc = "cancelled at its first sleep(0)")
@Outcome(id = "2, 2, 1, 1, 2", expect = ACCEPTABLE, desc = "cancelled at its second sleep(0)")
@Outcome(id = "1, 3, 1, 0, 1", expect = ACCEPTABLE, desc = "finished before the cancel, which returned false")
@State
public class TaskCancelVsStep {

    private final EventLoop loop = EventLoop.create();
    // The body runs on the loop's thread (or its own, alternating with it); read after the loop ran.
    private int steps;
    private int finallies;
    private int cancelReturned = -1;
    private final Task<String> task = loop.createTask(Coroutine.of(() -> {
        try {
            steps++;
            await(sleep(Duration.ZERO));
            steps++;
            await(sleep(Duration.ZERO));
            steps++;
            return "done";
        } finally {
            finallies++;
        }
    }));

    /** The loop's owner: runs it until the task is done. */
    @Actor
    public void runLoop(IIIII_Result r) {
        try {
            loop.runUntilComplete(task);
            r.r1 = 1;
        } catch (CancelledError cancelled) {
            r.r1 = 2;
        }
    }

    /** Cancels the task from another thread. */
    @Actor
    public void cancel() {
        loop.callSoonThreadsafe(() -> cancelReturned = task.cancel() ? 1 : 0);
    }

    /** Runs the loop once more (a cancel posted after it stopped), then records. */
    @Arbiter
    public void observe(IIIII_Result r) {
        Loops.runIterations(loop, 1);
        r.r2 = steps;
        r.r3 = finallies;
        r.r4 = cancelReturned;
        r.r5 = task.cancelled() ? 2 : task.done() ? 1 : 0;
        loop.close();
    }
}
