package dev.coflow.jcstress.stream;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.reactivestreams.Subscription;

/**
 * {@code request(1)} from two threads at once on a generator Publisher's subscription: the demand counter
 * is also the drain loop's ownership, so exactly one thread runs the body at a time, and neither request
 * may be lost (the one that finds the loop running only adds to the counter, and the loop must see it
 * before it gives ownership up).
 *
 * <p>Result: items received, terminal signals and rule violations after both requests; then the
 * arbiter cancels, and the fourth number is how often the body's {@code finally} ran. Exactly the two
 * requested items, in order, one at a time; the body still suspended (three items, two requested), then
 * closed once.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t GeneratorRequestVsRequest
 * }</pre>
 */
@JCStressTest
@Description("Generator Publisher: request(1) vs request(1)")
@Outcome(id = "2, 0, 0, 1", expect = ACCEPTABLE, desc = "both items, in order, one onNext at a time")
@State
public class GeneratorRequestVsRequest {

    private final AtomicInteger finallies = new AtomicInteger();
    private final Probe probe = new Probe();
    private final Subscription subscription;

    /** Subscribes to a fresh generator of three items. */
    public GeneratorRequestVsRequest() {
        Publishers.<Integer>from(() -> Generator.<Integer, Void, Void>of(y -> {
            try {
                for (int i = 0; i < 3; i++) {
                    y.yield(i);
                }
            } finally {
                finallies.incrementAndGet();
            }
            return null;
        })).subscribe(probe);
        subscription = probe.subscription();
    }

    /** Asks for one item. */
    @Actor
    public void request1() {
        subscription.request(1);
    }

    /** Asks for one item. */
    @Actor
    public void request2() {
        subscription.request(1);
    }

    /** Records what the subscriber saw, then cancels so the suspended generator is closed. */
    @Arbiter
    public void observe(IIII_Result r) {
        // items arrive on the stream's own thread, after the requests have returned
        Probe.awaitSettled(() -> probe.items.get() >= 2);
        r.r1 = probe.items.get();
        r.r2 = probe.terminals.get();
        r.r3 = probe.violations.get();
        subscription.cancel();
        Probe.awaitSettled(() -> finallies.get() > 0);
        r.r4 = finallies.get();
    }
}
