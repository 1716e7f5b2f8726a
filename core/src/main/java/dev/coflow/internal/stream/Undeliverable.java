package dev.coflow.internal.stream;

import dev.coflow.internal.aio.Fatal;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one place errors go that no subscriber can receive any more: a generator failing while it is
 * closed after {@code cancel()}, or an error raised after the stream terminated (§1.7, §2.4). Nothing is
 * dropped silently: by default the error goes to the current thread's uncaught-exception handler,
 * which prints it.
 */
public final class Undeliverable {

    private static volatile Consumer<Throwable> hook = Undeliverable::toUncaughtHandler;

    private Undeliverable() {}

    /** Hands {@code error} to the hook; a fatal error is rethrown instead. */
    public static void report(Throwable error) {
        Fatal.rethrowIfFatal(error);
        hook.accept(error);
    }

    /**
     * Replaces the hook (tests observe dropped errors this way).
     *
     * @return the previous hook, to restore
     */
    public static Consumer<Throwable> setHook(Consumer<Throwable> newHook) {
        Consumer<Throwable> previous = hook;
        hook = Objects.requireNonNull(newHook, "hook");
        return previous;
    }

    private static void toUncaughtHandler(Throwable error) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, error);
    }
}
