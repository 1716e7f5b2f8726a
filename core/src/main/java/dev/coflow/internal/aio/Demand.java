package dev.coflow.internal.aio;

import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The demand arithmetic every Coflow Publisher shares (Reactive Streams §3.9, §3.17): a subscription
 * keeps its outstanding demand in one {@code volatile long} field and moves it only through these
 * helpers, given the field's {@link VarHandle}.
 *
 * <p>The field doubles as the work-in-progress counter of the drain loop: whoever moves the demand from
 * zero owns the loop, and the loop gives up ownership when {@link #produced} brings it back to zero.
 * {@link Long#MAX_VALUE} means unbounded and is never decremented.
 */
public final class Demand {

    private Demand() {}

    /** {@code a + b}, capped at {@link Long#MAX_VALUE} (§3.17: demand may add up past it). */
    public static long addCap(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Atomically adds {@code n} to the demand field of {@code owner}, capped.
     *
     * @return the demand before the addition: {@code 0} means the caller now owns the drain loop
     */
    public static long add(VarHandle demand, Object owner, long n) {
        for (;;) {
            long current = (long) demand.getVolatile(owner);
            if (current == Long.MAX_VALUE) {
                return current;
            }
            if (demand.compareAndSet(owner, current, addCap(current, n))) {
                return current;
            }
        }
    }

    /**
     * Atomically subtracts the {@code n} items emitted since the last call, unless the demand is
     * unbounded.
     *
     * @return the demand left: {@code 0} means the drain loop has given up ownership
     */
    public static long produced(VarHandle demand, Object owner, long n) {
        for (;;) {
            long current = (long) demand.getVolatile(owner);
            if (current == Long.MAX_VALUE) {
                return current;
            }
            long left = current - n;
            if (left < 0) {
                throw new IllegalStateException("more items emitted (" + n + ") than requested (" + current + ")");
            }
            if (demand.compareAndSet(owner, current, left)) {
                return left;
            }
        }
    }

    /**
     * §3.9: a request for {@code n <= 0} items must be signalled as an error.
     *
     * @return {@code null} when {@code n} is positive, else the exception to pass to {@code onError}
     */
    public static @Nullable IllegalArgumentException validate(long n) {
        if (n > 0) {
            return null;
        }
        return new IllegalArgumentException("§3.9 violated: request(" + n + ") must ask for a positive number"
                + " of items; request(n) with n > 0, or cancel() to stop the stream");
    }
}
