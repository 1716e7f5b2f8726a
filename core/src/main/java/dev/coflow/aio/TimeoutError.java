package dev.coflow.aio;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A deadline passed: raised by {@code Aio.waitFor}, {@code Aio.timeout} and {@code Aio.asCompleted}:
 * Python's {@code TimeoutError} (which {@code asyncio.TimeoutError} is since 3.11).
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}, because coroutine bodies would
 * otherwise have to declare it at every {@code await}; its cause is the {@link CancelledError} that
 * interrupted the timed-out code, as Python's {@code __cause__}.
 *
 * <pre>{@code
 * try {
 *     await(waitFor(sleep(Duration.ofHours(1)), Duration.ofSeconds(1)));
 * } catch (TimeoutError e) {
 *     print("gave up");
 * }
 * }</pre>
 */
public class TimeoutError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A timeout with no message, caused by {@code cause} (may be null). */
    public TimeoutError(@Nullable Throwable cause) {
        super(null, cause);
    }

    /** A timeout with a message. */
    public TimeoutError(String message) {
        super(message);
    }
}
