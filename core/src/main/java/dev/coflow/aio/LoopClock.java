package dev.coflow.aio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventLoop}'s clock, and what its thread does when nothing is ready: the part of the loop
 * that varies with its kind of time. The system clock parks until the next timer; a virtual clock jumps
 * to it instead; a driven loop reads its host scheduler's clock (and never idles: its driver runs it).
 *
 * <p>Thread-safety: {@link #nanoTime()} from any thread; the rest from the loop's own control flow.
 */
abstract sealed class LoopClock permits LoopClock.SystemClock, LoopClock.VirtualClock, LoopClock.HostClock {

    /** The clock's reading in nanoseconds: monotonic, arbitrary origin. */
    abstract long nanoTime();

    /** Whether this is a virtual clock, which only the loop moves. */
    boolean isVirtual() {
        return false;
    }

    /**
     * Nothing is ready and nothing came in: waits until {@code next} (the earliest timer, or null) is due
     * or another thread unparks the loop's thread; {@code blocker} is what the park is attributed to.
     */
    void idle(@Nullable TimerHandle next, Object blocker) {
        if (next == null) {
            LockSupport.park(blocker);
            return;
        }
        long wait = next.whenNanos - nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(blocker, wait);
        }
    }

    /**
     * Moves the clock forward by {@code duration}, once {@code checkThread} has passed: see
     * {@link EventLoop#advanceVirtualTime}. Only a virtual clock can.
     */
    void advance(Duration duration, Runnable checkThread) {
        throw new IllegalStateException("advanceVirtualTime needs a virtual-time loop"
                + " (EventLoop.createVirtualTime()): a real-time loop's clock is the system's");
    }

    /** The system's monotonic clock ({@link System#nanoTime()}). */
    static final class SystemClock extends LoopClock {
        @Override
        long nanoTime() {
            return System.nanoTime();
        }
    }

    /** A clock starting at 0 that advances only when the loop has nothing ready, straight to the next timer. */
    static final class VirtualClock extends LoopClock {
        /** Volatile: {@link EventLoop#time()} is documented thread-safe, and only the loop thread writes it. */
        private volatile long now;

        @Override
        long nanoTime() {
            return now;
        }

        @Override
        boolean isVirtual() {
            return true;
        }

        /** Jumps to the next timer at once; with no timer, parks until another thread brings work. */
        @Override
        void idle(@Nullable TimerHandle next, Object blocker) {
            if (next != null) {
                now = Math.max(now, next.whenNanos);
                return;
            }
            LockSupport.park(blocker);
        }

        @Override
        void advance(Duration duration, Runnable checkThread) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("advanceVirtualTime(duration): the clock cannot go back, got "
                        + duration);
            }
            checkThread.run();
            now = EventLoop.saturatedAdd(now, duration);
        }
    }

    /** A driven loop's clock: its host scheduler's ({@link LoopDriver#nanoTime()}). */
    static final class HostClock extends LoopClock {
        private final LoopDriver driver;

        HostClock(LoopDriver driver) {
            this.driver = Objects.requireNonNull(driver);
        }

        @Override
        long nanoTime() {
            return driver.nanoTime();
        }
    }
}
