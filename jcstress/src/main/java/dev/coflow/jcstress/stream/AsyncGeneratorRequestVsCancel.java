package dev.coflow.jcstress.stream;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

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
import org.openjdk.jcstress.infra.results.IIIIII_Result;
import org.reactivestreams.Subscription;

/**
 * An async generator's Publisher ({@code Publishers.from(loop, iterable)}): {@code request(2)} and the
 * pump task that serves it on the loop's thread, racing {@code cancel()} from another thread. The first
 * actor owns the loop: it requests, then runs the loop until the cancel has been made and the pump's task
 * has ended.
 *
 * <p>Result: items received, body started (0/1), its {@code finally} runs, terminal signals, rule
 * violations, and 1 if the stream never settled. Never more items than requested, no terminal signal
 * after a cancel, the {@code finally} (which may await) exactly once if the body started.
 *
 * <p>Python counterpart: none; a jcstress test. Thread-safety: jcstress runs each actor on its own thread.
 *
 * <pre>{@code
 * java -jar jcstress/target/jcstress.jar -t AsyncGeneratorRequestVsCancel
 * }</pre>
 */
@JCStressTest
@Description("Async generator Publisher: request(2) and its pump on the loop vs cancel() from another thread")
@Outcome(id = "0, 0, 0, 0, 0, 0", expect = ACCEPTABLE, desc = "cancel first: the body never started")
@Outcome(id = "0, 1, 1, 0, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "cancel while the body ran up to its first yield")
@Outcome(id = "1, 1, 1, 0, 0, 0", expect = ACCEPTABLE, desc = "cancel between the two items")
@Outcome(id = "2, 1, 1, 0, 0, 0", expect = ACCEPTABLE, desc = "cancel after both items")
@State
public class AsyncGeneratorRequestVsCancel {

    private final EventLoop loop = EventLoop.create();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finallies = new AtomicInteger();
    private final Probe probe = new Probe();
    private final Subscription subscription;
    private volatile boolean cancelled;
    private volatile boolean settled;

    /** Subscribes to a fresh, endless async generator; its pump task starts once the loop runs. */
    public AsyncGeneratorRequestVsCancel() {
        Publishers.<Integer>from(loop, () -> AsyncGenerator.<Integer>of(y -> {
            started.incrementAndGet();
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

    /** The loop's owner: asks for two items, then runs the loop until the stream has ended. */
    @Actor
    public void requestAndRunLoop() {
        subscription.request(2);
        settled = Loops.runUntil(loop, () -> cancelled && loop.allTasks().size() == 1);
    }

    /** Leaves the stream, from another thread. */
    @Actor
    public void cancel() {
        subscription.cancel();
        cancelled = true;
    }

    /** Records what the subscriber and the body saw. */
    @Arbiter
    public void observe(IIIIII_Result r) {
        r.r1 = probe.items.get();
        r.r2 = started.get();
        r.r3 = finallies.get();
        r.r4 = probe.terminals.get();
        r.r5 = probe.violations.get();
        r.r6 = settled ? 0 : 1;
        loop.close();
    }
}
