package dev.coflow.internal.engine;

import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Picks the suspension engine once per JVM: the continuation engine when {@code jdk.internal.vm} is
 * exported to Coflow, else the virtual-thread engine; the system property
 * {@code coflow.engine=continuation|virtual} overrides the choice. The choice is logged once, at
 * INFO on the {@code dev.coflow.engine} logger, with the flag that enables the fast engine.
 */
public final class Engines {

    /** The system property that forces an engine. */
    public static final String PROPERTY = "coflow.engine";

    /** The flag that enables the fast engine, quoted in logs and errors. */
    public static final String EXPORT_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    private static final Engine ENGINE = selectAndLog();

    private Engines() {}

    /** The engine of this JVM. */
    public static Engine engine() {
        return ENGINE;
    }

    /** The innermost fiber running on the current thread, or {@code null}. */
    public static @Nullable Fiber currentFiber() {
        return ENGINE.currentFiber();
    }

    /** Whether the continuation engine can run in this JVM. */
    public static boolean continuationAvailable() {
        return Object.class.getModule().isExported("jdk.internal.vm", Engines.class.getModule());
    }

    private static Engine selectAndLog() {
        Engine engine = select(System.getProperty(PROPERTY, ""), continuationAvailable());
        System.Logger log = System.getLogger("dev.coflow.engine");
        if (engine instanceof ContinuationEngine) {
            log.log(Level.INFO, "Coflow runs on the continuation engine");
        } else {
            log.log(Level.INFO, "Coflow runs on the virtual-thread engine; for the faster continuation"
                    + " engine start the JVM with " + EXPORT_FLAG);
        }
        return engine;
    }

    /**
     * The engine that {@code wanted} (the property's value, empty when unset) selects.
     *
     * @throws IllegalStateException for an unknown name, or for {@code continuation} without the export
     */
    static Engine select(String wanted, boolean continuationAvailable) {
        return switch (wanted) {
            case "continuation" -> {
                if (!continuationAvailable) {
                    throw new IllegalStateException(PROPERTY + "=continuation needs the JVM flag "
                            + EXPORT_FLAG + " (or =dev.coflow.core on the module path)");
                }
                yield new ContinuationEngine();
            }
            case "virtual" -> new VirtualThreadEngine();
            case "" -> continuationAvailable ? new ContinuationEngine() : new VirtualThreadEngine();
            default -> throw new IllegalStateException(
                    PROPERTY + " must be 'continuation' or 'virtual' (or unset to pick the fastest"
                            + " available), not '" + wanted + "'");
        };
    }
}
