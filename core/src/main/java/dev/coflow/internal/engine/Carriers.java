package dev.coflow.internal.engine;

import java.util.concurrent.ConcurrentLinkedDeque;
import jdk.internal.vm.Continuation;
import org.jspecify.annotations.Nullable;

/**
 * Clean stacks to run continuation steps on: a pool of platform threads, each waiting to run one step
 * of a {@link Continuation} for a caller that waits meanwhile.
 *
 * <p>Why: when a raw continuation yields, JDK 24+ (lightweight locking) moves the whole lock stack of
 * the thread into the frozen continuation, including the monitors that frames below the
 * continuation's entry hold; thawing pushes them back. A continuation resumed inside a
 * {@code synchronized} block therefore steals its caller's monitor and later puts a stale one back,
 * which corrupts the thread's lock stack and crashes the JVM (JDK 21 with legacy locking refuses such
 * a yield as pinned instead). Virtual threads never hit this because their carriers hold no monitors;
 * the JVM offers no cheap way to ask whether the current thread holds any. So a step whose caller
 * Coflow does not control runs here, on a stack whose only frames below the continuation are this
 * class's, and the caller waits as it would for a virtual-thread fiber.
 *
 * <p>Each carrier is a {@link Fiber} of the virtual-thread engine's kind, on a daemon platform thread,
 * whose body runs the step it is handed and suspends; the pool is last-in-first-out, so a sequential caller keeps using the same carrier.
 * Thread-safety: a carrier is taken from the pool by one caller at a time.
 */
final class Carriers {

    private static final ConcurrentLinkedDeque<Carrier> IDLE = new ConcurrentLinkedDeque<>();
    /**
     * Platform threads: a raw continuation nested in a virtual thread's is a configuration the JDK does
     * not exercise, and a handshake that walks a virtual thread's frames mid-freeze crashed the JVM
     * under load (JDK 25); a platform thread below a continuation is how the engine always ran.
     */
    private static final VirtualThreadEngine THREADS =
            new VirtualThreadEngine(Thread.ofPlatform().daemon().name("coflow-carrier-", 0).factory());

    private Carriers() {}

    /** Runs {@code continuation} until it yields or ends, on a carrier's clean stack, and waits for it. */
    static void runStep(Continuation continuation) {
        Carrier carrier = IDLE.pollFirst();
        if (carrier == null) {
            carrier = new Carrier();
        }
        try {
            carrier.run(continuation);
        } finally {
            IDLE.offerFirst(carrier);
        }
    }

    private static final class Carrier implements Runnable {
        /** The pool or the caller keeps the carrier reachable, so the fiber is never released. */
        private final Fiber fiber = THREADS.newFiber(this, this, this);
        /** Written before the handoff to the body, read after it; the fiber's turn flag orders both. */
        private @Nullable Continuation step;

        void run(Continuation continuation) {
            step = continuation;
            try {
                fiber.resume();
            } finally {
                step = null;
            }
        }

        @Override
        public void run() {
            for (;;) {
                runStep();
                fiber.suspend();
            }
        }

        /** In a frame of its own, so the parked carrier's stack keeps no reference to the last step. */
        private void runStep() {
            Continuation c = step;
            if (c != null) {
                c.run();
            }
        }
    }
}
