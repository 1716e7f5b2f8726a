package dev.coflow.internal.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Tells whether the current thread holds no monitor, so that code entered from here may resume
 * continuations on this thread (see {@link Carriers} for why a held monitor forbids it).
 *
 * <p>The JVM answers through {@link ThreadMXBean}, which walks the stack, far too slow for every step
 * (figures: {@code benchmarks/README.md}), so it is asked once when an event loop starts running.
 * Thread-safe.
 */
public final class StackProbe {

    private StackProbe() {}

    /**
     * Whether the current thread is known to hold no monitor. {@code false} when it holds one, when
     * the JVM cannot tell (a virtual thread), or when the engine runs every step on its own thread
     * anyway (then nothing is gained by asking).
     */
    public static boolean holdsNoMonitor() {
        if (!(Engines.engine() instanceof ContinuationEngine) || Thread.currentThread().isVirtual()) {
            return false;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isObjectMonitorUsageSupported()) {
            return false;
        }
        ThreadInfo[] info = threads.getThreadInfo(new long[] {Thread.currentThread().threadId()}, true, false);
        return info.length == 1 && info[0] != null && info[0].getLockedMonitors().length == 0;
    }
}
