package dev.coflow.aio;

import dev.coflow.aio.AsyncGenCore.Op;
import dev.coflow.gen.GeneratorState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An async generator (PEP 525): a body that both {@code y.yield(v)}s values and {@code await(...)}s, like
 * a Python {@code async def} containing {@code yield}. Its consumer awaits {@link #anext()},
 * {@link #asend}, {@link #athrow} or {@link #aclose()}, or loops with {@link Aio#forEach} ({@code async
 * for}). An {@code await} inside the body suspends the consumer's task until it completes, while a
 * {@code yield} hands a value to the consumer.
 *
 * <p>Lazy: creating it runs nothing; each method returns a coroutine that does its work once awaited.
 * Exhaustion raises {@link StopAsyncIteration}. Breaking out of {@code forEach} does not close the
 * generator: its body stays suspended until {@link #aclose()} or finalization. {@code aclose()} raises
 * {@link dev.coflow.gen.GeneratorExit} at the body's suspension point, so its {@code finally} blocks run, and they may
 * await; yielding a value while closing is an error ("async generator ignored GeneratorExit").
 *
 * <p>Finalization, as asyncio's hooks do it: the generator belongs to the event loop that first iterates
 * it. {@link Aio#run} and {@link EventLoop#shutdownAsyncgens()} close the ones still suspended there
 * before the loop closes, so their {@code finally} blocks run; one the program drops while suspended is
 * closed by a task on that loop some iterations after the garbage collector notices (not at once, as with
 * CPython's reference counting). A body that references its own generator is never noticed.
 *
 * <p>Python's exceptions map as for generators: {@code TypeError} → {@link IllegalArgumentException},
 * {@code RuntimeError} → {@link RuntimeException} (its "already running" cases: an
 * {@link IllegalStateException}); {@code StopAsyncIteration} and {@code GeneratorExit} keep their names.
 *
 * <p>Thread-safety: loop-confined: await its methods only from coroutines of one event loop. Two steps
 * may not overlap: awaiting {@code anext()} while another task's {@code anext()} is suspended inside the
 * body fails with "anext(): asynchronous generator is already running".
 *
 * <pre>{@code
 * AsyncGenerator<Integer> ticker = AsyncGenerator.of(y -> {
 *     try {
 *         for (int i = 0; ; i++) {
 *             await(sleep(Duration.ofSeconds(1)));
 *             y.yield(i);
 *         }
 *     } finally {
 *         print("ticker closed");
 *     }
 * });
 * Aio.run(Coroutine.of(() -> {
 *     forEach(ticker, i -> {
 *         print(i);
 *         if (i == 2) {
 *             AsyncFor.breakLoop();
 *         }
 *     });
 *     await(ticker.aclose());    // "ticker closed"
 *     return null;
 * }));
 * }</pre>
 *
 * @param <T> the type of the values it yields
 */
public final class AsyncGenerator<T extends @Nullable Object> implements AsyncIterator<T> {

    final AsyncGenCore<T> core;

    private AsyncGenerator(@Nullable String name, AsyncGeneratorBody<T> body) {
        this.core = new AsyncGenCore<>(name, body);
        core.watch(this);
    }

    /**
     * An async generator running {@code body}, as calling a Python async generator function creates one:
     * nothing runs yet.
     */
    public static <T extends @Nullable Object> AsyncGenerator<T> of(AsyncGeneratorBody<T> body) {
        Objects.requireNonNull(body, "AsyncGenerator.of(body): body must be an async generator body lambda, not null");
        return new AsyncGenerator<>(null, body);
    }

    /** A named async generator: the name appears in its {@code toString} and in reports about it. */
    public static <T extends @Nullable Object> AsyncGenerator<T> of(String name, AsyncGeneratorBody<T> body) {
        Objects.requireNonNull(name, "AsyncGenerator.of(name, body): name must not be null");
        Objects.requireNonNull(body, "AsyncGenerator.of(name, body): body must be an async generator body lambda, not null");
        return new AsyncGenerator<>(name, body);
    }

    /**
     * A coroutine that resumes the body until its next {@code yield} and returns the value: Python's
     * {@code await anext(agen)} (the body's pending {@code yield} returns null).
     *
     * @throws StopAsyncIteration (when awaited) once the body has ended, and on every later call
     * @throws IllegalStateException (when awaited) "anext(): asynchronous generator is already running"
     */
    @Override
    public Coroutine<T> anext() {
        return core.awaitable(this, Op.ANEXT, null, null, false, null);
    }

    /**
     * As {@link #anext()}, but returning {@code dflt} instead of raising {@link StopAsyncIteration} at the
     * end: Python's {@code await anext(agen, default)}.
     */
    public Coroutine<T> anext(T dflt) {
        return core.awaitable(this, Op.ANEXT, null, null, true, dflt);
    }

    /**
     * A coroutine that resumes the body, making its pending {@code yield} return {@code value}, and
     * returns the next value yielded: Python's {@code await agen.asend(value)}.
     *
     * @throws IllegalArgumentException (when awaited) for a non-null value before the body started:
     *     "can't send non-None value to a just-started async generator"
     * @throws StopAsyncIteration (when awaited) when the body ends
     */
    public Coroutine<T> asend(@Nullable Object value) {
        return core.awaitable(this, Op.ASEND, value, null, false, null);
    }

    /**
     * A coroutine that raises {@code t} at the body's suspension point: Python's
     * {@code await agen.athrow(t)}. If the body catches it and yields, that value is returned; if it
     * propagates, it is thrown here and the generator is closed; if the body ends, this raises
     * {@link StopAsyncIteration}. On a generator that has not started, the body never runs: the generator
     * is closed and {@code t} thrown. On a closed generator it returns null without raising (CPython
     * 3.11).
     */
    public Coroutine<T> athrow(Throwable t) {
        Objects.requireNonNull(t, "athrow(t): t must be an exception to raise, not null");
        return core.awaitable(this, Op.ATHROW, null, t, false, null);
    }

    /**
     * A coroutine that closes the generator: Python's {@code await agen.aclose()}. It raises
     * {@link dev.coflow.gen.GeneratorExit} at the body's suspension point so that its {@code finally} blocks run (they may
     * await); a no-op on a generator that is closed or has not started (which is then closed).
     *
     * @throws RuntimeException (when awaited) "async generator ignored GeneratorExit" if the body yields
     *     a value while closing; it then stays suspended at that yield
     */
    public Coroutine<@Nullable Void> aclose() {
        return core.closer(this);
    }

    /**
     * Where it is: CREATED (not started), RUNNING (a step is in progress, including while the body awaits:
     * Python's {@code ag_running}), SUSPENDED (at a {@code yield}), CLOSED.
     */
    public GeneratorState state() {
        return core.state();
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
