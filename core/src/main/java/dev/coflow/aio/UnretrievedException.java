package dev.coflow.aio;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The record of an exception that a future finished with and nobody has retrieved yet. If the future
 * is collected, or its loop closes, before {@code result()}/{@code exception()}/{@code await} asked
 * for it, the loop's exception handler gets "Task exception was never retrieved" (Python reports it
 * from {@code Future.__del__}). It never references the future, so the future can be collected.
 */
final class UnretrievedException implements Runnable {
    private static final int PENDING = 0;
    private static final int DONE = 1;

    private final EventLoop loop;
    private final Throwable exception;
    private final String message;
    private final String future;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final Cleaner.Cleanable cleanable;

    private UnretrievedException(Future<?> owner, Throwable exception) {
        this.loop = owner.loop;
        this.exception = exception;
        this.message = owner.kindName() + " exception was never retrieved";
        this.future = owner.toString();
        loop.trackUnretrieved(this);
        this.cleanable = Diagnostics.CLEANER.register(owner, this);
    }

    static UnretrievedException track(Future<?> owner, Throwable exception) {
        return new UnretrievedException(owner, exception);
    }

    /** The exception was retrieved: nothing to report. */
    void retrieved() {
        if (state.compareAndSet(PENDING, DONE)) {
            loop.untrackUnretrieved(this);
            cleanable.clean();
        }
    }

    /** Cleaner thread: the future was collected. */
    @Override
    public void run() {
        if (state.compareAndSet(PENDING, DONE)) {
            loop.untrackUnretrieved(this);
            loop.reportFromAnyThread(context());
        }
    }

    /** The loop is closing: report now, on the loop's thread. */
    void reportAtClose() {
        if (state.compareAndSet(PENDING, DONE)) {
            loop.callExceptionHandler(context());
        }
    }

    private Map<String, Object> context() {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exception);
        ctx.put("future", future);
        return ctx;
    }
}
