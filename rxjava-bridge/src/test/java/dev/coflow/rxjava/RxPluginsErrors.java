package dev.coflow.rxjava;

import io.reactivex.rxjava3.exceptions.UndeliverableException;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects what reaches {@code RxJavaPlugins.onError} during a test: install it in {@code @BeforeEach},
 * call {@link #reset()} in {@code @AfterEach}.
 */
final class RxPluginsErrors {
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    RxPluginsErrors() {
        RxJavaPlugins.setErrorHandler(errors::add);
    }

    /** The errors, unwrapped from the {@link UndeliverableException} RxJava wraps most of them in. */
    List<Throwable> errors() {
        return errors.stream().map(e -> e instanceof UndeliverableException u && u.getCause() != null
                ? u.getCause() : e).toList();
    }

    /**
     * Waits until {@code n} errors arrived, up to 10 s: a generator stream closes on its own thread, so
     * an error of its {@code finally} may arrive after the subscriber has completed.
     */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the stream's thread, that ends the wait, may need the core
    List<Throwable> awaitErrors(int n) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (errors.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return errors();
    }

    void reset() {
        RxJavaPlugins.reset();
    }
}
