package dev.coflow.gen;

/**
 * The life cycle of a {@link Generator}, as Python's {@code inspect.getgeneratorstate} reports it.
 *
 * <p>{@code CREATED → SUSPENDED ↔ RUNNING → CLOSED}; {@code RUNNING} is seen from inside the body
 * (and by every delegating generator of a {@code yieldFrom} chain), not only from other threads.
 * {@link Generator#state()} may be read from any thread.
 *
 * <pre>{@code
 * Generator<Integer, Void, Void> g = Generator.of(y -> { y.yield(1); return null; });
 * g.state();   // CREATED
 * g.next();    // 1, now SUSPENDED
 * }</pre>
 */
public enum GeneratorState {
    /** Created, the body has not started ({@code GEN_CREATED}). */
    CREATED,
    /** The body is executing ({@code GEN_RUNNING}). */
    RUNNING,
    /** Paused at a {@code yield} ({@code GEN_SUSPENDED}). */
    SUSPENDED,
    /** Finished, failed or closed ({@code GEN_CLOSED}). */
    CLOSED
}
