package dev.coflow.aio;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The runner of a {@linkplain EventLoop#createDriven driven loop}: its {@link LoopDriver} runs the
 * loop's iterations in turns, on the driver's threads. Whenever work becomes ready the loop asks for a
 * turn ({@link LoopDriver#runSoon}); a turn runs iterations while something is ready, at most
 * {@link #MAX_ITERATIONS_PER_TURN}, then asks for the next turn, or with only timers left for a
 * {@link Wakeup} at the earliest deadline ({@link LoopDriver#runLater}).
 *
 * <pre>
 *   idle --wake()--> requested --driver runs turn()--> running --work left--> requested
 *                                                         |---only timers--> idle, wakeup armed
 *                                                         '---nothing------> idle
 * </pre>
 *
 * <p>Thread-safety: {@link #wake()} from any thread; turns never overlap ({@link #turnPending}), and
 * {@link #close()} never races a turn ({@link #turnLock}).
 */
final class DrivenTurns extends LoopRunner {

    /** Iterations a driven turn runs at most before handing its driver's thread back. */
    private static final int MAX_ITERATIONS_PER_TURN = 16;

    private final LoopDriver driver;
    /** Whether a turn is requested or running: at most one at a time, so turns never overlap. */
    private final AtomicBoolean turnPending = new AtomicBoolean();
    /** Held by a turn, and by close(), so that close never races a turn on another thread. */
    private final ReentrantLock turnLock = new ReentrantLock();
    private final Runnable turn = this::turn;
    /** The wakeup asked of the driver, to run the next timer. */
    @GuardedBy("turnLock")
    private @Nullable Wakeup wakeup;

    DrivenTurns(EventLoop loop, LoopDriver driver) {
        super(loop);
        this.driver = Objects.requireNonNull(driver);
    }

    @Override
    void checkRunsForever() {
        throw new IllegalStateException("A driven event loop (EventLoop.createDriven) is run by its driver:"
                + " await the future in a coroutine on it, or use submit(coro) and its CompletableFuture");
    }

    @Override
    void checkCallWhileNotRunning() {
        // Between turns the driver may start a turn on its own thread at any moment.
        throw new IllegalStateException("Non-thread-safe operation invoked on a driven event loop outside"
                + " its turns: use callSoonThreadsafe or submit, whose work runs in a turn");
    }

    /** Asks the driver for a turn unless one is requested or running already. Any thread. */
    @Override
    void wake() {
        if (!loop.isClosed() && turnPending.compareAndSet(false, true)) {
            try {
                driver.runSoon(turn);
            } catch (RuntimeException | Error rejected) {
                turnPending.set(false); // no turn will come: let the next request try again
                throw rejected;
            }
        }
    }

    /** No effect: the driver runs the loop, which stops by closing. */
    @Override
    void stop() {
        // See the Javadoc.
    }

    /** Waits for a running turn to end, closes the loop, cancels its wakeup and tells the driver. */
    @Override
    void close() {
        if (EventLoop.current() == loop) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        turnLock.lock();
        try {
            if (!loop.closeOnce()) {
                return;
            }
            Wakeup w = wakeup;
            if (w != null) {
                w.cancel.run();
            }
        } finally {
            turnLock.unlock();
        }
        driver.loopClosed();
    }

    /** One turn: iterations while something is ready, bounded, then the next request. */
    private void turn() {
        turnLock.lock();
        try {
            if (loop.isClosed()) {
                return;
            }
            loop.runTurn(MAX_ITERATIONS_PER_TURN);
            turnPending.set(false);
            if (loop.hasWorkNow()) {
                wake(); // more than a turn's worth: yield the driver's thread, then go on
            } else {
                requestWakeup();
            }
        } finally {
            turnLock.unlock();
        }
    }

    /** Only timers are left: makes sure the driver runs a turn by the earliest deadline. */
    @GuardedBy("turnLock")
    private void requestWakeup() {
        TimerHandle head = loop.nextTimer();
        Wakeup w = wakeup;
        if (head == null || (w != null && !w.fired && w.whenNanos <= head.whenNanos)) {
            return; // nothing to wait for, or a turn by then is requested already
        }
        if (w != null) {
            w.cancel.run();
        }
        Wakeup next = new Wakeup(head.whenNanos);
        next.cancel = driver.runLater(next, Math.max(0, head.whenNanos - loop.nowNanos()));
        wakeup = next;
    }

    /** A request for a turn at a timer's deadline. */
    private final class Wakeup implements Runnable {
        final long whenNanos;
        volatile boolean fired;
        Runnable cancel = () -> {};

        Wakeup(long whenNanos) {
            this.whenNanos = whenNanos;
        }

        @Override
        public void run() {
            fired = true;
            wake();
        }
    }
}
