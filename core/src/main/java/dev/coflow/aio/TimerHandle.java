package dev.coflow.aio;

import org.jspecify.annotations.Nullable;

/**
 * A callback scheduled at a time by {@code callLater} or {@code callAt}: Python's
 * {@code asyncio.TimerHandle}. Timers fire in deadline order, ties in scheduling order.
 *
 * <p>Thread-safety: {@link #cancel()} must be called on the loop's thread (or before the loop runs).
 *
 * <pre>{@code
 * TimerHandle t = loop.callLater(Duration.ofSeconds(5), () -> print("late"));
 * t.when();     // loop.time() + 5
 * t.cancel();   // it never runs
 * }</pre>
 */
public class TimerHandle extends Handle {

    final EventLoop loop;
    final long whenNanos;
    final long sequence;
    /** Whether it sits in the loop's timer queue (a cancel then counts towards a cleanup). */
    boolean scheduled;

    TimerHandle(EventLoop loop, long whenNanos, long sequence, @Nullable Runnable callback, Context context) {
        super(callback, context);
        this.loop = loop;
        this.whenNanos = whenNanos;
        this.sequence = sequence;
    }

    /** When it is due, on the {@link EventLoop#time()} scale (seconds). */
    public double when() {
        return whenNanos / 1e9;
    }

    @Override
    public void cancel() {
        if (!cancelled() && scheduled) {
            loop.timerCancelled();
        }
        super.cancel();
    }

    static int compare(TimerHandle a, TimerHandle b) {
        int c = Long.compare(a.whenNanos, b.whenNanos);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    }
}
