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
}
