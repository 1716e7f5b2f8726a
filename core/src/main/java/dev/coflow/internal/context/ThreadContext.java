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

    /**
     * A thread-local of Coflow's own that must follow a step to the thread that runs it: the asyncio
     * context ({@code contextvars}) of the code that resumes a body, which the body sees in Python.
     */
    public interface CarriedLocal {
        /** The value to carry from the resuming thread, or {@code null} when the body finds its own. */
        @Nullable Object get();

        /** Sets the value on the body's thread; returns the value it replaces. */
        @Nullable Object set(@Nullable Object value);
    }

    private static volatile @Nullable CarriedLocal carried;

    /** Registers the local that {@link #captureForStep} carries; the asyncio package does so once. */
    public static void carry(CarriedLocal local) {
        carried = local;
    }

    /** What a step handed to another thread takes along: the registered thread-locals and the carried local. */
    private record StepSnapshot(@Nullable Object threadLocals, @Nullable Object carried) {}

    /** What the scope of a handed-over step puts back. */
    private record StepScope(@Nullable AutoCloseable threadLocals, @Nullable Object carriedBefore) {}

    /** Marks a step scope whose carried local had no value before the step. */
    private static final Object NO_VALUE = new Object();

    /**
     * Captures on the resuming thread what the body's thread must see for one step, or {@code null}.
     * Without the library this is the carried local's value itself: nothing is allocated per step.
     */
    public static @Nullable Object captureForStep() {
        Object threadLocals = capture();
        CarriedLocal c = carried;
        Object own = c == null ? null : c.get();
        return threadLocals == null ? own : new StepSnapshot(threadLocals, own);
    }

    /** Sets what {@link #captureForStep} took, on the body's thread, until {@link #closeStep}. */
    public static @Nullable Object openStep(@Nullable Object snapshot) {
        CarriedLocal c = carried;
        if (snapshot instanceof StepSnapshot s) {
            Object before = c == null || s.carried() == null ? null : c.set(s.carried());
            return new StepScope(open(s.threadLocals()), before);
        }
        if (snapshot == null || c == null) {
            return null;
        }
        Object before = c.set(snapshot);
        return before == null ? NO_VALUE : before;
    }

    /** Puts back what {@link #openStep} replaced; {@code null} is a no-op. */
    public static void closeStep(@Nullable Object scope) {
        CarriedLocal c = carried;
        if (scope instanceof StepScope s) {
            close(s.threadLocals());
            if (c != null) {
                c.set(s.carriedBefore());
            }
        } else if (scope != null && c != null) {
            c.set(scope == NO_VALUE ? null : scope);
        }
    }
}
