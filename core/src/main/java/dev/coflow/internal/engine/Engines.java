package dev.coflow.internal.engine;

import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Picks the suspension engine once per JVM: the continuation engine when {@code jdk.internal.vm} is
 * exported to Coflow, else the virtual-thread engine; the system property
 * {@code coflow.engine=continuation|virtual} overrides the choice.
 */
public final class Engines {

    /** The flag that enables the fast engine, quoted in logs and errors. */
    public static final String EXPORT_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    private static final Engine ENGINE = select();

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

    private static Engine select() {
        String wanted = System.getProperty("coflow.engine", "");
        System.Logger log = System.getLogger("dev.coflow.engine");
        Engine engine = switch (wanted) {
            case "continuation" -> {
                if (!continuationAvailable()) {
                    throw new IllegalStateException("coflow.engine=continuation needs the JVM flag "
                            + EXPORT_FLAG + " (or =dev.coflow.core on the module path)");
                }
                yield new ContinuationEngine();
            }
            case "virtual" -> new VirtualThreadEngine();
            case "" -> continuationAvailable() ? new ContinuationEngine() : new VirtualThreadEngine();
            default -> throw new IllegalStateException(
                    "coflow.engine must be 'continuation' or 'virtual', not '" + wanted + "'");
        };
        if (engine instanceof ContinuationEngine) {
            log.log(Level.INFO, "Coflow runs on the continuation engine");
        } else {
            log.log(Level.INFO, "Coflow runs on the virtual-thread engine; for the faster continuation"
                    + " engine start the JVM with " + EXPORT_FLAG);
        }
        return engine;
    }
}
