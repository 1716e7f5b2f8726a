package dev.coflow.stream;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true (a stream's signals come from a Coflow virtual
 * thread), up to a generous deadline; never a fixed sleep.
 */
final class Eventually {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Eventually() {}

    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the thread that makes it true may need the core
    static void until(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > DEADLINE_NANOS) {
                fail("still not true after 10 s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
