package dev.coflow.aio;

import dev.coflow.aio.AsyncGenCore.Op;
import dev.coflow.internal.gen.Sneaky;
import java.io.Serial;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code async for} statement: {@link #forEach} (also reachable as {@link Aio#forEach}) loops
 * over an {@link AsyncIterable} inside a coroutine, and {@link #breakLoop()} is its {@code break}.
 *
 * <p>Why a signal for {@code break}: the loop body is a lambda, where {@code return} already means
 * {@code continue}, and a body returning a boolean would make every loop end in {@code return true}.
 * {@code breakLoop()} throws a preallocated signal (an {@link Error}, so {@code catch (Exception e)} in the
 * body does not swallow it, and without a stack trace, so it costs nothing) that the innermost
 * {@code forEach} catches: exactly Python's {@code break}, including {@code finally} blocks on the way
 * out. Breaking does not close an {@link AsyncGenerator} (PEP 525): it stays suspended until
 * {@code aclose()} or finalization.
 *
 * <p>Thread-safety: call it from a coroutine body; it runs on that coroutine's event loop.
 *
 * <pre>{@code
 * import static dev.coflow.aio.Aio.*;
 * import static dev.coflow.aio.AsyncFor.breakLoop;
 *
 * forEach(readLines(), line -> {          // async for line in read_lines():
 *     if (line.equals("END")) {
 *         breakLoop();                    //     break
 *     }
 *     await(save(line));
 * });
 * }</pre>
 */
public final class AsyncFor {

    private AsyncFor() {}

    /**
     * Python's {@code async for item in iterable: body}: awaits each item in turn, in the calling
     * coroutine, and runs {@code body} with it, until the iterator raises {@link StopAsyncIteration} or the
     * body calls {@link #breakLoop()}. An exception from the body leaves the loop as the same instance
     * and closes nothing.
     *
     * @throws IllegalStateException outside a coroutine body
     */
    public static <T extends @Nullable Object> void forEach(AsyncIterable<? extends T> iterable,
            AsyncForBody<? super T> body) {
        Objects.requireNonNull(iterable, "forEach(iterable, body): iterable must not be null");
        Objects.requireNonNull(body, "forEach(iterable, body): body must not be null");
        Aio.body();
        AsyncIterator<? extends T> it = Objects.requireNonNull(iterable.aiter(),
                () -> "forEach: " + iterable.getClass().getName() + ".aiter() returned null, not an async iterator");
        for (;;) {
            T item;
            if (it instanceof AsyncGenerator<? extends T> agen) {
                // No coroutine per item and no exception at the end.
                Object r = agen.core.step(agen, Op.ANEXT, null, null);
                if (r == AsyncGenCore.END) {
                    return;
                }
                item = AsyncGenCore.cast(r);
            } else {
                try {
                    item = Aio.await(it.anext());
                } catch (StopAsyncIteration end) {
                    return;
                }
            }
            try {
                body.accept(item);
            } catch (Break b) {
                return;
            } catch (Exception e) {
                throw Sneaky.raise(e);
            }
        }
    }

    /**
     * Python's {@code break} inside an {@link #forEach} body: leaves the innermost loop at once (its
     * {@code finally} blocks run on the way). Calling it anywhere else fails the calling task with an
     * {@link Error} that says so.
     */
    @SuppressWarnings("DoNotCallSuggester") // throwing is what it is for: forEach bodies call it
    public static void breakLoop() {
        throw Break.SIGNAL;
    }

    /** The {@code break} signal; one instance, no stack trace. */
    private static final class Break extends Error {
        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("StaticAssignmentOfThrowable") // a control-flow signal, thrown as is: no stack trace
        static final Break SIGNAL = new Break();

        private Break() {
            super("AsyncFor.breakLoop() was called outside an Aio.forEach body: it can only leave an async for loop",
                    null, false, false);
        }
    }
}
