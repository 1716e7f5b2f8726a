package dev.coflow.internal.context;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * {@link ThreadContext} with the library present: loaded only after its classes were found, so the core
 * runs without it.
 */
final class MicrometerPropagation {

    /** clearMissing: a step sees exactly the captured values, never what the thread had before. */
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
            .contextRegistry(ContextRegistry.getInstance())
            .clearMissing(true)
            .build();

    Object capture(Object... contexts) {
        return snapshots.captureAll(contexts);
    }

    AutoCloseable open(Object snapshot) {
        return ((ContextSnapshot) snapshot).setThreadLocals();
    }

    static void close(AutoCloseable scope) {
        ((ContextSnapshot.Scope) scope).close();
    }
}
