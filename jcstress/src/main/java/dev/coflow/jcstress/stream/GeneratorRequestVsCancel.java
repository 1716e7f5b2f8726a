package dev.coflow.jcstress.stream;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
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
 * {@code request(2)} on a generator Publisher's subscription racing {@code cancel()} from another
 * thread. Whoever raises the demand from zero starts the stream's drain thread, and so does a cancel
 * when no drain runs; the drain closes the generator after the current item. The arbiter waits until
 * the generator is closed.
 *
 * <p>Result: items received, body started (0/1), its {@code finally} runs, terminal signals, rule
 * violations. Never more items than requested, no terminal signal after a cancel, the {@code finally}
 * exactly once if the body started.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t GeneratorRequestVsCancel
 * }</pre>
 */
@JCStressTest
@Description("Generator Publisher: request(2) vs cancel()")
@Outcome(id = "0, 0, 0, 0, 0", expect = ACCEPTABLE, desc = "cancel first: the body never started")
@Outcome(id = "0, 1, 1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "cancel while the body ran up to its first yield")
@Outcome(id = "1, 1, 1, 0, 0", expect = ACCEPTABLE, desc = "cancel between the two items")
@Outcome(id = "2, 1, 1, 0, 0", expect = ACCEPTABLE, desc = "cancel after both items")
@State
public class GeneratorRequestVsCancel {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finallies = new AtomicInteger();
    private final Probe probe = new Probe();
    private final Subscription subscription;
    private final Generator<Integer, Void, Void> generator;

    /** Subscribes to a fresh, endless generator. */
    public GeneratorRequestVsCancel() {
        generator = Generator.<Integer, Void, Void>of(y -> {
            started.incrementAndGet();
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                finallies.incrementAndGet();
            }
        });
        Publishers.<Integer>from(() -> generator).subscribe(probe);
        subscription = probe.subscription();
    }

    /** Asks for two items. */
    @Actor
    public void request() {
        subscription.request(2);
    }

    /** Leaves the stream. */
    @Actor
    public void cancel() {
        subscription.cancel();
    }

    /** Records what the subscriber and the body saw. */
    @Arbiter
    public void observe(IIIII_Result r) {
        // the cancel closes the generator on the stream's thread, which may still be at work
        Probe.awaitSettled(() -> generator.state() == GeneratorState.CLOSED);
        r.r1 = probe.items.get();
        r.r2 = started.get();
        r.r3 = finallies.get();
        r.r4 = probe.terminals.get();
        r.r5 = probe.violations.get();
    }
}
