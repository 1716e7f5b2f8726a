package dev.coflow.internal.aio;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.TimerHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One task that a bridge's scheduler (Reactor's or RxJava's) hands to an event loop: a callback of the
 * loop (at once, FIFO behind the callbacks already scheduled) or a timer of the loop (at a deadline on
 * the loop's clock, taken when the action is made, so the hop to the loop's thread does not delay it),
 * optionally periodic at a fixed rate. It runs on the loop's thread, and not at all once disposed. The
 * bridge subclass supplies {@link #execute()} (its library's error reporting) and {@link #ended()} (its
 * library's bookkeeping), and implements its library's {@code Disposable} with {@link #dispose()} and
 * {@link #isDisposed()}.
 *
 * <p>The state is one atomic int, so that {@link #dispose()} from any thread and the run on the loop's
 * thread agree on who wins; with a flag checked and then acted on, a task disposed between the check
 * and the run would still run:
 * <pre>
 * PENDING --run--> RUNNING --last run done--> FINISHED
 *    ^                |
 *    +--periodic------+        PENDING or RUNNING --dispose--> DISPOSED
 * </pre>
 * A running action is not interrupted: disposing it only prevents its next period. The loop's handles
 * may only be cancelled on the loop's thread, so disposing a timed action also posts the cancellation
 * of its timer there: the loop's timer queue (and a virtual-time loop's clock, which jumps to the next
 * timer) then forgets it.
 */
public abstract class ScheduledAction implements Runnable {

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;
    private static final int DISPOSED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ScheduledAction.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final boolean timed;
    /** Seconds between runs; 0: runs once. */
    private final double period;
    /** The next deadline on the loop's clock; NaN when not timed. After the constructor, loop thread only. */
    private double at;
    private volatile int state;
    /** The loop's timer for a timed action; confined to the loop's thread. */
    private @Nullable TimerHandle timer;

    /**
     * @param loop the loop that runs the action
     * @param delayNanos the delay before the first run; {@code <= 0}: at once (a callback, unless periodic)
     * @param periodNanos the time between the starts of two runs; {@code 0}: runs once
     */
    protected ScheduledAction(EventLoop loop, long delayNanos, long periodNanos) {
        this.loop = loop;
        this.timed = delayNanos > 0 || periodNanos > 0;
        this.at = timed ? loop.time() + delayNanos / 1e9 : Double.NaN;
        this.period = periodNanos / 1e9;
    }

    /** What the action does, on the loop's thread; what it throws goes to the loop's exception handler. */
    protected abstract void execute();

    /**
     * Called once when the action is over: after its last run (on the loop's thread), or when disposed
     * before it ran (on the disposing thread). Does nothing by default.
     */
    protected void ended() {}

    /** Whether the action waits for a deadline (a delay, or a period) rather than running as a callback. */
    protected final boolean isTimed() {
        return timed;
    }

    /**
     * Hands the action to the loop (any thread).
     *
     * @return {@code false} if the loop is closed: the action never runs; the bridge rejects it as its
     *     library rejects a task
     */
    public final boolean submit() {
        return timed ? loop.offerThreadsafe(this::arm) : loop.offerThreadsafe(this);
    }

    private void arm() {
        if (state == PENDING) {
            timer = loop.callAt(at, this);
        }
    }

    /** Runs the action on the loop's thread, unless it was disposed; a periodic one then arms its next run. */
    @Override
    public final void run() {
        if (!STATE.compareAndSet(this, PENDING, RUNNING)) {
            return;
        }
        try {
            execute();
        } finally {
            if (period > 0 && STATE.compareAndSet(this, RUNNING, PENDING)) {
                at += period; // fixed rate, as Reactor's and RxJava's own schedulers
                timer = loop.callAt(at, this);
            } else {
                timer = null;
                STATE.compareAndSet(this, RUNNING, FINISHED);
                ended();
            }
        }
    }

    /** Stops the action if it has not started (any thread); a running one finishes, without a next period. */
    public final void dispose() {
        if ((int) STATE.getAndSet(this, DISPOSED) != PENDING) {
            return;
        }
        ended();
        if (timed) {
            // Refused by a closed loop, which has dropped its timers already.
            loop.offerThreadsafe(this::cancelTimer);
        }
    }

    private void cancelTimer() {
        TimerHandle t = timer;
        if (t != null) {
            timer = null;
            t.cancel();
        }
    }

    /** Disposed, or ran for the last time (as Reactor's and RxJava's scheduled tasks report). */
    public final boolean isDisposed() {
        return state >= FINISHED;
    }
}
