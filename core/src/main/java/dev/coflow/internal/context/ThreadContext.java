package dev.coflow.internal.context;

import org.jspecify.annotations.Nullable;

/**
 * The thread-local values a step of a body must see, carried like Python's {@code contextvars}: with
 * Micrometer's {@code context-propagation} library on the class path, the values of every
 * {@code ThreadLocalAccessor} registered in its {@code ContextRegistry} (SLF4J's MDC, Micrometer
 * Tracing's current observation, a user's own), captured where a task is created, a stream subscribed
 * or a step handed to another thread, and set around the step on the thread that runs it. Without the
 * library every method is a no-op that costs a constant check.
 *
 * <p>Thread-safety: a snapshot is immutable; a scope is closed by the thread that opened it.
 */
public final class ThreadContext {

    private static final @Nullable MicrometerPropagation PROPAGATION = detect();

    private ThreadContext() {}

    private static @Nullable MicrometerPropagation detect() {
        try {
            Class.forName("io.micrometer.context.ContextSnapshotFactory", false, ThreadContext.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        return new MicrometerPropagation();
    }

    /** Whether the library is present, so that capturing means something. */
    public static boolean enabled() {
        return PROPAGATION != null;
    }

    /** The current thread's registered thread-local values, or {@code null} without the library. */
    public static @Nullable Object capture() {
        MicrometerPropagation p = PROPAGATION;
        return p == null ? null : p.capture();
    }

    /**
     * The values of a context object the library can read (a Reactor {@code ContextView}) on top of
     * the current thread's, or {@code null} without the library.
     */
    public static @Nullable Object captureWith(Object context) {
        MicrometerPropagation p = PROPAGATION;
        return p == null ? null : p.capture(context);
    }

    /**
     * Sets the thread-locals to {@code snapshot} (clearing those it has no value for), until the
     * returned scope is {@link #close closed}; {@code null} when there is nothing to set.
     */
    public static @Nullable AutoCloseable open(@Nullable Object snapshot) {
        MicrometerPropagation p = PROPAGATION;
        return p == null || snapshot == null ? null : p.open(snapshot);
    }

    /** Puts back what the thread-locals were before {@link #open}; {@code null} is a no-op. */
    public static void close(@Nullable AutoCloseable scope) {
        if (scope != null) {
            MicrometerPropagation.close(scope);
        }
    }
}
