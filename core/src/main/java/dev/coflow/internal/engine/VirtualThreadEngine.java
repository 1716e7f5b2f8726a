package dev.coflow.internal.engine;

import dev.coflow.internal.context.ThreadContext;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The portable engine: a fiber's body runs in its own virtual thread, and control passes back and
 * forth with strict alternation (a turn flag), so the program behaves as if single threaded.
 *
 * <p>When both sides are virtual threads (a loop run on a virtual thread and a coroutine body, a
 * stream's drain and its generator), a waiting side parks at once: its carrier then runs the other
 * side, which the unpark queued on that very carrier, so the handoff is a switch between two
 * continuations on one OS thread. Spinning there would hold the carrier the other side needs.
 *
 * <p>When one side is a platform thread (a generator driven by {@code next()} from a platform thread,
 * or a continuation-engine carrier), a waiting side spins briefly before it parks, because waking a
 * parked platform thread costs far more than the handback of a generator driven in a loop (figures:
 * {@code benchmarks/README.md}). The spin is adaptive, per side and per fiber: it doubles after a
 * handoff that arrived while spinning and halves after one that did not, so a tight loop keeps both
 * sides spinning (its fastest mode, with two free cores) while a slow consumer, or a CPU shared with
 * other work, quickly stops burning the core the other side needs; one wait in 32 spins in full, to
 * find the fast mode again. After the spin a side yields its thread a few times (the other side may be
 * waiting for this very core, or carrier) and only then parks. A side only unparks the other when that
 * one announced it was going to park, so a handoff between two spinning sides makes no system call.
 * On a loaded machine (more runnable threads than cores) a step costs a scheduler round trip: the
 * continuation engine, which never switches threads, has no such cliff.
 *
 * <p>Each step carries the resumer's thread-local context ({@link ThreadContext}) to the body's thread
 * and clears it from there when the step ends, so a body sees what it would on the resumer's thread.
 *
 * <p>Thread-safety: a fiber is driven by one resumer at a time (its owner serialises resumes); the
 * turn flag orders every field the two sides exchange. A waiting side is not interruptible; it keeps
 * the interrupt for its caller.
 *
 * <p>A suspended fiber whose owner becomes unreachable is released by a {@link Cleaner}: its body
 * gets {@link FiberReleased} at its suspension point, unwinds (its {@code finally} blocks run on the
 * fiber's thread) and its thread ends, so abandoned generators do not keep parked threads alive.
 */
public final class VirtualThreadEngine implements Engine {

    private static final Cleaner CLEANER = Cleaner.create(Thread.ofVirtual().name("coflow-cleaner").factory());
    private static final ThreadLocal<@Nullable Fiber> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger LIVE = new AtomicInteger();
    /** Spinning only helps when the other side can run meanwhile, on another core. */
    private static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
    private static final int MIN_SPINS = Math.min(MAX_SPINS, 1 << 4);
    private static final int YIELDS = 8;
    private static final int PROBE = 32;

    /** Starts each fiber's thread: virtual ones for bodies; {@link Carriers} makes platform ones. */
    private final java.util.concurrent.ThreadFactory threads;

    VirtualThreadEngine() {
        this(Thread.ofVirtual().name("coflow-fiber").factory());
    }

    VirtualThreadEngine(java.util.concurrent.ThreadFactory threads) {
        this.threads = threads;
    }

    /**
     * How many body threads (virtual; the continuation engine's pooled carriers do not count) are
     * started and not yet ended, in this JVM: for tests and diagnostics
     * (a growing count with no live generators means a leak).
     */
    public static int liveFibers() {
        return LIVE.get();
    }

    @Override
    public Fiber newFiber(Object owner, Object attachment, Runnable body) {
        VirtualFiber fiber = new VirtualFiber(threads, attachment, body);
        // The action references only the fiber, never the owner, so the owner can become unreachable.
        fiber.cleanable = CLEANER.register(owner, fiber::release);
        return fiber;
    }

    @Override
    public Fiber newThreadFiber(Object owner, Object attachment, Runnable body) {
        return newFiber(owner, attachment, body);
    }

    @Override
    public @Nullable Fiber currentFiber() {
        return CURRENT.get();
    }

    @Override
    public boolean bodiesRunOnVirtualThreads() {
        return true;
    }

    @Override
    public String name() {
        return "virtual";
    }

    private static final class VirtualFiber implements Fiber {
        private static final int CALLER = 0;
        private static final int BODY = 1;

        private final Object attachment;
        private final Runnable body;
        /**
         * Unregistered once the body has ended, so the cleaner stops holding this fiber: an attachment
         * that references the owner (a coroutine's task does) would otherwise keep both alive forever.
         */
        @SuppressWarnings("NullAway.Init") // set right after construction, before the first resume
        Cleaner.Cleanable cleanable;
        private volatile @Nullable Thread thread;
        /** Written before {@code turn} passes to the body, so the body reads it after the handoff. */
        private @Nullable Thread caller;
        /**
         * Whether the last caller was a virtual thread: the body, itself virtual, then parks at once
         * when it hands back instead of spinning (same handoff; the next caller is likely of the same kind,
         * and a stale read only changes whether one wait spins).
         */
        private boolean callerVirtual;
        /** The caller's thread-local context, set on the body's thread for the step; same handoff. */
        private @Nullable Object callerContext;
        /** Body side only: the thread-local scope of the running step. */
        private @Nullable Object stepScope;
        private volatile int turn = CALLER;
        private volatile boolean callerParked;
        private volatile boolean bodyParked;
        private volatile boolean done;
        private volatile boolean released;
        /** Adaptive spin budgets; a lost update only makes one wait spin a little more or less. */
        private int callerSpins = MAX_SPINS;
        private int bodySpins = MAX_SPINS;
        private int waits;

        private final java.util.concurrent.ThreadFactory threads;

        VirtualFiber(java.util.concurrent.ThreadFactory threads, Object attachment, Runnable body) {
            this.threads = threads;
            this.attachment = attachment;
            this.body = body;
        }

        @Override
        public boolean resume() {
            Thread self = Thread.currentThread();
            caller = self;
            callerVirtual = self.isVirtual();
            callerContext = ThreadContext.captureForStep();
            Thread t = thread;
            if (t == null) {
                t = threads.newThread(this::runBody);
                thread = t;
                turn = BODY;
                if (t.isVirtual()) { // bodies; Carriers' platform threads are a pool, not fibers to leak
                    LIVE.incrementAndGet();
                }
                t.start();
            } else {
                turn = BODY;
                if (bodyParked) {
                    LockSupport.unpark(t);
                }
            }
            awaitTurn(CALLER);
            // A suspended fiber must not keep its last caller reachable: a thread keeps its task, and
            // a pooled carrier would otherwise hold the last subscriber of a stream for ever.
            caller = null;
            callerContext = null;
            return done;
        }

        private void runBody() {
            CURRENT.set(this);
            stepScope = ThreadContext.openStep(callerContext);
            try {
                if (!released) {
                    body.run();
                }
            } catch (FiberReleased expected) {
                // the body has unwound: its finally blocks ran
            } finally {
                ThreadContext.closeStep(stepScope);
                stepScope = null;
                if (Thread.currentThread().isVirtual()) {
                    LIVE.decrementAndGet();
                }
                done = true;
                cleanable.clean();
                turn = CALLER;
                Thread c = caller;
                if (c != null && callerParked) {
                    LockSupport.unpark(c);
                }
            }
        }

        @Override
        public void suspend() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException(NOT_IN_BODY);
            }
            if (released) {
                // Released while running (an owner that became unreachable mid-step): never park again.
                throw new FiberReleased();
            }
            ThreadContext.closeStep(stepScope);
            stepScope = null;
            turn = CALLER;
            if (callerParked) {
                LockSupport.unpark(caller);
            }
            awaitTurn(BODY);
            stepScope = ThreadContext.openStep(callerContext);
            if (released) {
                throw new FiberReleased();
            }
        }

        private void awaitTurn(int mine) {
            if (!bothVirtual()) {
                spinThenYield(mine);
                if (turn == mine) {
                    return;
                }
            }
            // Announce the park before re-checking the turn: the other side writes the turn before it
            // reads the flag, so one of the two always sees the other (no lost wake-up).
            setParked(mine, true);
            // A step is not interruptible (the body runs on regardless): keep the interrupt for later
            // instead of letting park return at once in a hot loop.
            boolean interrupted = false;
            try {
                while (turn != mine && !(mine == BODY && released)) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            } finally {
                setParked(mine, false);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Whether both sides run on virtual threads, so that a waiting side should park at once. */
        private boolean bothVirtual() {
            Thread t = thread;
            return callerVirtual && t != null && t.isVirtual();
        }

        /** Spins, then yields the thread a few times, until it is {@code mine}'s turn or the budget is spent. */
        @SuppressWarnings("ThreadPriorityCheck") // Thread.yield is the step between spinning and parking
        private void spinThenYield(int mine) {
            // Every PROBE-th wait spins in full, so a pair that degraded to parking while the machine
            // was busy finds its way back to spinning once the cores are free again.
            int budget = (++waits & (PROBE - 1)) == 0 ? MAX_SPINS : mine == BODY ? bodySpins : callerSpins;
            for (int i = 0; i < budget; i++) {
                if (turn == mine) {
                    setSpins(mine, Math.min(MAX_SPINS, budget << 1));
                    return;
                }
                Thread.onSpinWait();
            }
            setSpins(mine, Math.max(MIN_SPINS, budget >> 1));
            // On a busy machine the other side may be waiting for this very core: offer it first.
            for (int i = 0; i < YIELDS; i++) {
                Thread.yield();
                if (turn == mine) {
                    return;
                }
            }
        }

        private void setSpins(int side, int spins) {
            if (side == BODY) {
                bodySpins = spins;
            } else {
                callerSpins = spins;
            }
        }

        private void setParked(int side, boolean parked) {
            if (side == BODY) {
                bodyParked = parked;
            } else {
                callerParked = parked;
            }
        }

        /** Runs on the cleaner thread once the owner is unreachable. */
        void release() {
            Thread t = thread;
            if (t != null && !done) {
                released = true;
                LockSupport.unpark(t);
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Object attachment() {
            return attachment;
        }
    }
}
