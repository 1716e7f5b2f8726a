package dev.coflow.jcstress.stream;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.EventLoop;
import dev.coflow.jcstress.Loops;
import dev.coflow.stream.Publishers;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.reactivestreams.Subscription;

/**
 * An async generator's Publisher: {@code request(2)} from another thread while the pump task, on the
 * loop's thread, is about to wait for demand. The pump publishes the future it waits on, then checks
 * the demand again; a request must either be seen by that check or complete that future, never slip
 * between the two (a lost wakeup leaves the stream stuck with demand outstanding).
 *
 * <p>Result: items received before the loop gave up waiting (after a few seconds), terminal signals,
 * rule violations, 1 if it gave up; then the arbiter cancels, runs the loop until the pump ended, and
 * the fifth number is how often the body's {@code finally} ran.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t AsyncGeneratorRequestWakesPump
 * }</pre>
 */
@JCStressTest
@Description("Async generator Publisher: request(2) from another thread vs the pump starting to wait for demand")
@Outcome(id = "2, 0, 0, 0, 1", expect = ACCEPTABLE, desc = "both items arrived; cancel then closed the body once")
@State
public class AsyncGeneratorRequestWakesPump {

    private final EventLoop loop = EventLoop.create();
    private final AtomicInteger finallies = new AtomicInteger();
    private final Probe probe = new Probe();
    private final Subscription subscription;
    private volatile boolean delivered;

    /** Subscribes to a fresh, endless async generator; its pump task starts once the loop runs. */
    public AsyncGeneratorRequestWakesPump() {
        Publishers.<Integer>from(loop, () -> AsyncGenerator.<Integer>of(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                finallies.incrementAndGet();
            }
        })).subscribe(probe);
        subscription = probe.subscription();
    }

    /** The loop's owner: runs the loop until both items have arrived. */
    @Actor
    public void runLoop() {
        delivered = Loops.runUntil(loop, () -> probe.items.get() == 2);
    }

    /** Asks for two items, from another thread. */
    @Actor
    public void request() {
        subscription.request(2);
    }

    /** Records what the subscriber saw, then cancels and lets the pump close the body. */
    @Arbiter
    public void observe(IIIII_Result r) {
        r.r1 = probe.items.get();
        r.r2 = probe.terminals.get();
        r.r3 = probe.violations.get();
        r.r4 = delivered ? 0 : 1;
        subscription.cancel();
        Loops.runUntil(loop, () -> loop.allTasks().size() == 1);
        r.r5 = finallies.get();
        loop.close();
    }
}
