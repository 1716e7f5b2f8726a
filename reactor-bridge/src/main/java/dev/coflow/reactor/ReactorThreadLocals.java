package dev.coflow.reactor;

import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Sets the thread-locals named in a subscriber's Reactor context (what {@code contextWrite} put there
 * under a {@code ThreadLocalAccessor}'s key) while Coflow work is scheduled for it, so that the task or
 * stream started then captures them, as Reactor's automatic context propagation would around its own
 * operators. A no-op without Micrometer's context-propagation library. Thread-safe.
 */
final class ReactorThreadLocals {

    private static final @Nullable ContextSnapshotFactory SNAPSHOTS = detect();

    private ReactorThreadLocals() {}

    private static @Nullable ContextSnapshotFactory detect() {
        try {
            Class.forName("io.micrometer.context.ContextSnapshotFactory", false,
                    ReactorThreadLocals.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        return ContextSnapshotFactory.builder().build();
    }

    /** Runs {@code action} with the thread-locals of {@code view} set; they are restored afterwards. */
    @SuppressWarnings("try") // closing the scope is its use: it restores the thread-locals
    static void runWith(ContextView view, Runnable action) {
        ContextSnapshotFactory snapshots = SNAPSHOTS;
        if (snapshots == null || view.isEmpty()) {
            action.run();
            return;
        }
        try (var scope = snapshots.setThreadLocalsFrom(view)) {
            action.run();
        }
    }
}
