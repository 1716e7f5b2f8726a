package dev.coflow.jcstress.aio;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.jcstress.Loops;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link EventLoop#callSoonThreadsafe} from another thread racing the loop's owner running its last
 * iteration and closing the loop. A call either is accepted (its callback runs in that iteration, or
 * {@code close()} drops it with the other pending callbacks, as documented and as asyncio does) or fails
 * with the documented {@code IllegalStateException("Event loop is closed")}. What must never happen is a
 * call accepted after {@code close()} emptied the queues: its callback would sit in a closed loop,
 * neither run nor dropped nor refused.
 *
 * <p>Result: accepted (1), refused with the documented error (0) or another error (2); the callback's
 * runs; callbacks and timers the closed loop still holds.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t CallSoonThreadsafeVsClose
 * }</pre>
 */
@JCStressTest
@Description("EventLoop: callSoonThreadsafe vs the owner's last iteration and close()")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "accepted in time: ran in the last iteration")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "accepted after the last iteration: close() dropped it")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "refused: Event loop is closed")
@State
public class CallSoonThreadsafeVsClose {

    private final EventLoop loop = EventLoop.create();
    private final AtomicInteger runs = new AtomicInteger();

    /** Posts a callback from another thread. */
    @Actor
    public void post(III_Result r) {
        try {
            loop.callSoonThreadsafe(runs::incrementAndGet);
            r.r1 = 1;
        } catch (EventLoopClosedError e) {
            r.r1 = 0;
        }
    }

    /** The loop's owner: one iteration, then close. */
    @Actor
    public void runOnceAndClose() {
        loop.callSoon(loop::stop);
        loop.runForever();
        loop.close();
    }

    /** Records whether the callback ran and what the closed loop holds. */
    @Arbiter
    public void observe(III_Result r) {
        r.r2 = runs.get();
        r.r3 = Loops.queued(loop);
    }
}
