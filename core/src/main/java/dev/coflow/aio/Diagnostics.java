package dev.coflow.aio;

import java.lang.ref.Cleaner;

/** Where asyncio's warnings go: one logger, and one cleaner thread that notices abandoned objects. */
final class Diagnostics {

    /** The logger {@code dev.coflow.aio}: slow callbacks, never-awaited coroutines, default exception handler. */
    static final System.Logger LOG = System.getLogger("dev.coflow.aio");

    /** Reports coroutines never awaited and exceptions never retrieved once their owner is collected. */
    static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "coflow-aio-cleaner");
        t.setDaemon(true);
        return t;
    });

    private Diagnostics() {}

    /**
     * Whether {@code t} says the JVM itself is broken ({@link InternalError}, {@link UnknownError}): the
     * one kind of error a loop lets escape from a task step or a callback. Anything else, a
     * {@link StackOverflowError} and an {@link OutOfMemoryError} included, ends only the task (stored on
     * it) or the callback (passed to the exception handler) that raised it, as asyncio stores
     * {@code RecursionError} and {@code MemoryError} on the task and lets only {@code SystemExit} and
     * {@code KeyboardInterrupt} escape its loop.
     */
    static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError);
    }
}
