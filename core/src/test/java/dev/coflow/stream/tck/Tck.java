package dev.coflow.stream.tck;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.TestEnvironment;

/** The settings and Publishers the TCK verifications share. */
final class Tck {
    /** Short timeouts keep the suite fast: every signal here is synchronous or nearly so. */
    static final long DEFAULT_TIMEOUT_MILLIS = 300;
    static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;
    /** §3.13 waits for a GC to clear the subscriber: generous, for a loaded 2-core CI machine. */
    static final long GC_TIMEOUT_MILLIS = 5_000;

    private Tck() {}

    static TestEnvironment environment() {
        return new TestEnvironment(DEFAULT_TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS);
    }

    /** 0, 1, ... {@code elements - 1}; endless for {@link Long#MAX_VALUE}. */
    static Publisher<Long> range(long elements) {
        return Publishers.from(() -> Generator.<Long, Void, Void>of(y -> {
            for (long i = 0; i < elements; i++) {
                y.yield(i);
            }
            return null;
        }));
    }

    /** 0, 1, ... {@code elements - 1} from an async generator on {@code loop}, awaiting now and then. */
    static Publisher<Long> asyncRange(EventLoop loop, long elements) {
        return Publishers.from(loop, () -> AsyncGenerator.<Long>of(y -> {
            for (long i = 0; i < elements; i++) {
                if (i % 8 == 0) {
                    await(sleep(Duration.ZERO)); // a real await now and then: items cross loop iterations
                }
                y.yield(i);
            }
        }));
    }

    static Publisher<Long> asyncFailing(EventLoop loop) {
        return Publishers.<Long>from(loop, () -> {
            throw new IllegalStateException("aiter() failed (expected by the TCK)");
        });
    }

    static Publisher<Long> failing() {
        return Publishers.from(() -> {
            throw new IllegalStateException("the generator supplier failed (expected by the TCK)");
        });
    }
}
