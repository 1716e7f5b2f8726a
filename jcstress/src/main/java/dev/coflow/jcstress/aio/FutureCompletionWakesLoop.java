package dev.coflow.jcstress.aio;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@code loop.runUntilComplete(future)} on one thread, with nothing else to run, parks until another
 * thread posts the completion with {@link EventLoop#callSoonThreadsafe}. The post must wake the loop
 * whether it lands before the loop checks its queue, between that check and the park, or during the
 * park (a lost wakeup hangs the actor, which jcstress reports as a timeout). The done-callback
 * registered before runs exactly once, before {@code runUntilComplete} returns.
 *
 * <p>Result: runUntilComplete returned the result (1); the callback's runs when it returned; its runs in
 * the end.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t FutureCompletionWakesLoop
 * }</pre>
 */
@JCStressTest
@Description("Future: runUntilComplete parked on it vs setResult posted from another thread")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "woken, the result returned, the callback ran once first")
@State
public class FutureCompletionWakesLoop {

    private final EventLoop loop = EventLoop.create();
    private final Future<String> future = loop.createFuture();
    private final AtomicInteger callbacks = new AtomicInteger();

    /** Registers the done-callback before the loop runs (its owner-to-be may; nothing runs yet). */
    public FutureCompletionWakesLoop() {
        future.addDoneCallback(f -> callbacks.incrementAndGet());
    }

    /** The loop's owner: runs it until the future is done. */
    @Actor
    public void runLoop(III_Result r) {
        r.r1 = "done".equals(loop.runUntilComplete(future)) ? 1 : 0;
        r.r2 = callbacks.get();
    }

    /** Completes the future from another thread. */
    @Actor
    public void complete() {
        loop.callSoonThreadsafe(() -> future.setResult("done"));
    }

    /** Records the callback's runs in the end. */
    @Arbiter
    public void observe(III_Result r) {
        r.r3 = callbacks.get();
        loop.close();
    }
}
