package dev.coflow.aio;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code Aio.sleep(delay, result)}, Python's {@code asyncio.sleep}: a zero delay yields once
 * ("reschedule me"); a positive one awaits a future that a timer completes, and cancels the timer when
 * the await ends otherwise. The body is its own timer callback, and the timer runs in the loop's shared
 * internal context, so a sleeping task keeps one small object beside its future and timer (where two
 * lambdas and a context copy were).
 */
final class Sleep<T extends @Nullable Object> implements CoroutineBody<T>, Runnable {

    /** {@code sleep(0)}: holds no state, so every {@code sleep(Duration.ZERO)} shares it. */
    static final Sleep<@Nullable Object> ZERO = new Sleep<@Nullable Object>(Duration.ZERO, null);

    private final Duration delay;
    private final T result;
    /** Set when the timer starts; only this sleep's coroutine, which runs once, sets it. */
    private @Nullable Future<T> future;

    Sleep(Duration delay, T result) {
        this.delay = delay;
        this.result = result;
    }

    @Override
    public T call() {
        if (delay.isZero() || delay.isNegative()) {
            Aio.body().yield(null);
            return result;
        }
        EventLoop loop = Aio.getRunningLoop();
        Future<T> f = loop.createFuture();
        future = f;
        TimerHandle h = loop.callLaterInternal(delay, this);
        try {
            return Aio.await(f);
        } finally {
            h.cancel();
        }
    }

    /** The timer: Python's {@code futures._set_result_unless_cancelled}. */
    @Override
    public void run() {
        Future<T> f = future;
        if (f != null && !f.done()) {
            f.setResult(result);
        }
    }
}
