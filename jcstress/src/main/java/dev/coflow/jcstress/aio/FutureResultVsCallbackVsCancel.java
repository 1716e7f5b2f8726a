package dev.coflow.jcstress.aio;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.InvalidStateError;
import dev.coflow.jcstress.Loops;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * A {@link Future} is loop-confined, so other threads reach it through
 * {@link EventLoop#callSoonThreadsafe}: one thread posts {@code setResult}, another posts
 * {@code addDoneCallback} and then {@code cancel()}; the arbiter runs the loop. Every order the two
 * threads' posts can take must leave the future in one consistent state, with the callback run exactly
 * once and seeing that state.
 *
 * <p>Result: setResult succeeded (1) or raised InvalidStateError (0); cancel() returned true (1) or
 * false (0); callback runs; the state the callback saw and the final state (1 result, 2 cancelled).
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t FutureResultVsCallbackVsCancel
 * }</pre>
 */
@JCStressTest
@Description("Future: setResult vs addDoneCallback + cancel, posted with callSoonThreadsafe")
@Outcome(id = "1, 0, 1, 1, 1", expect = ACCEPTABLE, desc = "the result came first; cancel() found it done")
@Outcome(id = "0, 1, 1, 2, 2", expect = ACCEPTABLE, desc = "cancel() came first; setResult raised InvalidStateError")
@State
public class FutureResultVsCallbackVsCancel {

    private final EventLoop loop = EventLoop.create();
    private final Future<String> future = loop.createFuture();
    // Written by callbacks on the loop's thread (the arbiter's), read there after the loop ran.
    private int resultSet = -1;
    private int cancelReturned = -1;
    private int callbacks;
    private int seen;

    /** Completes the future. */
    @Actor
    public void setResult() {
        loop.callSoonThreadsafe(() -> {
            try {
                future.setResult("done");
                resultSet = 1;
            } catch (InvalidStateError alreadyDone) {
                resultSet = 0;
            }
        });
    }

    /** Registers a done-callback, then cancels. */
    @Actor
    public void callbackThenCancel() {
        loop.callSoonThreadsafe(() -> future.addDoneCallback(f -> {
            callbacks++;
            seen = state(f);
        }));
        loop.callSoonThreadsafe(() -> cancelReturned = future.cancel() ? 1 : 0);
    }

    /** Runs the loop until the posted callbacks and the done-callback have run, then records. */
    @Arbiter
    public void observe(IIIII_Result r) {
        Loops.runIterations(loop, 3);
        r.r1 = resultSet;
        r.r2 = cancelReturned;
        r.r3 = callbacks;
        r.r4 = seen;
        r.r5 = state(future);
        loop.close();
    }

    private static int state(Future<?> f) {
        return !f.done() ? 0 : f.cancelled() ? 2 : 1;
    }
}
