package dev.coflow.aio;

import java.io.Serial;

/**
 * A future was asked for something its state does not allow, such as {@code result()} on a pending
 * future ("Result is not set.") or {@code setResult} on a done one ("invalid state"): Python's
 * {@code asyncio.InvalidStateError}.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * f.result();   // InvalidStateError: Result is not set.
 * }</pre>
 */
public class InvalidStateError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with Python's message text. */
    public InvalidStateError(String message) {
        super(message);
    }
}
