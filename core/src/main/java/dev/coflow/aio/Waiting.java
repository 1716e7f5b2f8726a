package dev.coflow.aio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The bodies of {@code wait}, {@code wait_for} and {@code shield}, ported from Python 3.11's tasks.py. */
final class Waiting {

    private Waiting() {}

    /** Python's {@code wait} + {@code _wait}. */
    static <F extends Future<?>> WaitResult<F> waitFor(Collection<F> fs, ReturnWhen returnWhen,
            @Nullable Duration timeout) {
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        EventLoop loop = Aio.getRunningLoop();
        IdentityHashMap<F, Boolean> unique = new IdentityHashMap<>();
        List<F> futures = new ArrayList<>(fs.size());
        for (Object o : fs) {
            if (!(o instanceof Future<?>)) {
                throw new IllegalArgumentException(o instanceof Coroutine<?>
                        ? "Passing coroutines is forbidden, use tasks explicitly."
                        : "wait() expects futures or tasks, got " + o);
            }
            @SuppressWarnings("unchecked")
            F f = (F) o;
            if (unique.put(f, Boolean.TRUE) == null) {
                futures.add(f);
            }
        }
        Future<@Nullable Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = timeout == null ? null : loop.callLater(timeout, () -> release(waiter));
        int[] counter = {futures.size()};
        Consumer<Future<?>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                release(waiter);
            }
        };
        for (F f : futures) {
            f.addDoneCallback(onCompletion);
        }
        try {
            Aio.await(waiter);
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (F f : futures) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> pending = new LinkedHashSet<>();
        for (F f : futures) {
            (f.done() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    private static void release(Future<@Nullable Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    /** Python's {@code wait_for}. */
    @SuppressWarnings("TypeParameterUnusedInFormals") // its callers pass a Coroutine<T> or a Future<T>
    static <T extends @Nullable Object> T waitForOne(Object awaitable, @Nullable Duration timeout) {
        EventLoop loop = Aio.getRunningLoop();
        if (timeout == null) {
            return Aio.await(awaitable);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            Future<T> fut = Aio.ensureFuture(awaitable, loop);
            if (fut.done()) {
                return fut.result();
            }
            cancelAndWait(fut, loop);
            try {
                return fut.result();
            } catch (CancelledError e) {
                throw new TimeoutError(e);
            }
        }
        Future<@Nullable Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = loop.callLater(timeout, () -> release(waiter));
        Consumer<Future<?>> cb = f -> release(waiter);
        Future<T> fut = Aio.ensureFuture(awaitable, loop);
        fut.addDoneCallback(cb);
        try {
            try {
                Aio.await(waiter);
            } catch (CancelledError e) {
                if (fut.done()) {
                    return fut.result();
                }
                fut.removeDoneCallback(cb);
                cancelAndWait(fut, loop);
                throw e;
            }
            if (fut.done()) {
                return fut.result();
            }
            fut.removeDoneCallback(cb);
            cancelAndWait(fut, loop);
            try {
                return fut.result();
            } catch (CancelledError e) {
                throw new TimeoutError(e);
            }
        } finally {
            timeoutHandle.cancel();
        }
    }

    /** Python's {@code _cancel_and_wait}: cancels {@code fut} and waits until it is done. */
    private static void cancelAndWait(Future<?> fut, EventLoop loop) {
        Future<@Nullable Void> waiter = loop.createFuture();
        Consumer<Future<?>> cb = f -> release(waiter);
        fut.addDoneCallback(cb);
        try {
            fut.cancel();
            Aio.await(waiter);
        } finally {
            fut.removeDoneCallback(cb);
        }
    }

    /** Python's {@code shield}. */
    static <T extends @Nullable Object> Future<T> shield(Future<T> inner) {
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<T>> innerDone = i -> {
            if (outer.cancelled()) {
                if (!i.cancelled()) {
                    i.exception(); // mark it retrieved
                }
                return;
            }
            if (i.cancelled()) {
                outer.cancel();
            } else {
                Throwable exc = i.exception();
                if (exc != null) {
                    outer.setException(exc);
                } else {
                    outer.setResult(i.rawResult());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
