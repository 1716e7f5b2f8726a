package dev.coflow.internal.engine;

import java.lang.System.Logger.Level;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Picks the suspension engine once per JVM: the continuation engine when {@code jdk.internal.vm} is
 * exported to Coflow, else the virtual-thread engine; the system property
 * {@code coflow.engine=continuation|virtual} overrides the choice. The choice is logged once, at
 * INFO on the {@code dev.coflow.engine} logger, with the exact flag that enables the fast engine for
 * the way this JVM loaded Coflow (class path or module path).
 *
 * <p>A property that cannot be honoured (an unknown name, or {@code continuation} without the export)
 * does not fail this class's initialization, which would surface as an
 * {@code ExceptionInInitializerError} once and a {@code NoClassDefFoundError} after: the engine is
 * then one that refuses every generator and coroutine with the same {@link IllegalStateException}.
 */
public final class Engines {

    /** The system property that forces an engine. */
    public static final String PROPERTY = "coflow.engine";

    /**
     * The flag that enables the fast engine in this JVM, quoted in logs and errors: exporting to
     * {@code ALL-UNNAMED} on the class path, to {@code dev.coflow.core} on the module path.
     */
    public static final String EXPORT_FLAG = exportFlag(Engines.class.getModule().isNamed());

    /** The sentence that the log and the error for a forced, unavailable continuation engine share. */
    static final String HINT = "for the faster continuation engine, start the JVM with " + EXPORT_FLAG;

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

    /** The export flag for Coflow loaded from a named module ({@code dev.coflow.core}) or the class path. */
    static String exportFlag(boolean namedModule) {
        return "--add-exports java.base/jdk.internal.vm=" + (namedModule ? "dev.coflow.core" : "ALL-UNNAMED");
    }

    private static Engine selectAndLog() {
        System.Logger log = System.getLogger("dev.coflow.engine");
        Engine engine;
        try {
            engine = select(System.getProperty(PROPERTY, ""), continuationAvailable());
        } catch (IllegalStateException e) {
            String why = Objects.requireNonNullElse(e.getMessage(), e.toString());
            log.log(Level.ERROR, why);
            return new Unavailable(why);
        }
        if (engine instanceof ContinuationEngine) {
            log.log(Level.INFO, "Coflow runs on the continuation engine");
        } else {
            log.log(Level.INFO, "Coflow runs on the virtual-thread engine; " + HINT);
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
                    throw new IllegalStateException("-D" + PROPERTY + "=continuation, but jdk.internal.vm is"
                            + " not exported to Coflow: " + HINT);
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

    /** The engine of a JVM whose {@link #PROPERTY} cannot be honoured: every new body fails with why. */
    private record Unavailable(String why) implements Engine {

        @Override
        public Fiber newFiber(Object owner, Object attachment, Runnable body) {
            throw new IllegalStateException(why);
        }

        @Override
        public Fiber newThreadFiber(Object owner, Object attachment, Runnable body) {
            throw new IllegalStateException(why);
        }

        @Override
        public @Nullable Fiber currentFiber() {
            return null; // no fiber was ever created
        }

        @Override
        public boolean bodiesRunOnVirtualThreads() {
            return false; // no body can be created, so a loop stays on its caller's thread
        }

        @Override
        public String name() {
            return "unavailable";
        }
    }
}
