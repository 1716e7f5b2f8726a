package dev.coflow.aio;

import java.io.Serial;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Raised inside a coroutine at its current {@code await} when its task is cancelled, and by
 * {@code result()}/{@code exception()} of a cancelled future: Python's {@code asyncio.CancelledError}.
 *
 * <p>It extends {@link Error}, as Python's is a {@code BaseException}: {@code catch (Exception e)} does
 * not swallow a cancellation. A coroutine may catch it to clean up; it should rethrow it.
 *
 * <pre>{@code
 * Coroutine<Void> worker = Coroutine.of(() -> {
 *     try {
 *         await(sleep(Duration.ofHours(1)));
 *     } catch (CancelledError e) {
 *         print("cancelled: " + e.args());   // [shutting down]
 *         throw e;
 *     }
 *     return null;
 * });
 * }</pre>
 */
public class CancelledError extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String cancelMessage;

    /** A cancellation without a message: {@code args()} is empty. */
    public CancelledError() {
        this(null);
    }

    /** A cancellation carrying the message given to {@code cancel(msg)}; null means none. */
    public CancelledError(@Nullable String message) {
        super(message);
        this.cancelMessage = message;
    }

    /** Python's {@code e.args}: the cancel message as a one-element list, or an empty list. */
    public List<Object> args() {
        String m = cancelMessage;
        return m == null ? List.of() : List.of(m);
    }
}
