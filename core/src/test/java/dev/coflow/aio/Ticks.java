package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The combinator tests' worker: the CPython traces count loop iterations, not seconds. */
final class Ticks {
    private Ticks() {}

    /** Sleeps n iterations ({@code sleep(0)} n times), logs its name, then returns it or throws {@code exc}. */
    static Coroutine<String> of(List<? super String> log, int n, String name, @Nullable RuntimeException exc) {
        return Coroutine.of(() -> {
            for (int i = 0; i < n; i++) {
                await(sleep(Duration.ZERO));
            }
            log.add(name);
            if (exc != null) {
                throw exc;
            }
            return name;
        });
    }
}
