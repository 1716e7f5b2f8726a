package dev.coflow.aio;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The future {@code gather} returns (Python's {@code _GatheringFuture}): done with the children's results
 * in argument order, or with the first failure; cancelling it cancels the children that are not done.
 */
final class GatheringFuture<T extends @Nullable Object> extends Future<List<T>> {

    private final List<Future<?>> children;
    private final boolean returnExceptions;
    private int distinct;
    private int finished;
    private boolean cancelRequested;

    private GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
    }

    /** Python's {@code gather(*aws, return_exceptions=...)}. */
    static <T extends @Nullable Object> Future<List<T>> gather(List<?> awaitables, boolean returnExceptions) {
        if (awaitables.isEmpty()) {
            Future<List<T>> outer = Aio.getRunningLoop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        EventLoop loop = loopFor(awaitables);
        int n = awaitables.size();
        List<Future<?>> children = new ArrayList<>(n);
        GatheringFuture<T> outer = new GatheringFuture<>(loop, children, returnExceptions);
        IdentityHashMap<Object, Future<?>> argToFut = new IdentityHashMap<>(n);
        // One callback object and one context for all children: it reads no context variables.
        Consumer<Future<?>> childDone = outer::childDone;
        Context context = Context.copyCurrent();
        for (Object arg : awaitables) {
            Future<?> fut = argToFut.get(arg);
            if (fut == null) {
                fut = Aio.ensureFuture(arg, loop);
                argToFut.put(arg, fut);
                outer.distinct++;
                fut.addDoneCallback(childDone, context);
            }
            children.add(fut);
        }
        return outer;
    }

    /** The running loop; else, outside a loop, the loop of the first future among the arguments. */
    private static EventLoop loopFor(List<?> awaitables) {
        if (RunningCoroutine.core() != null || EventLoop.runningOnThisThread() != null) {
            return Aio.getRunningLoop();
        }
        for (Object o : awaitables) {
            if (o instanceof Future<?> fut) {
                return fut.loop;
            }
        }
        return Aio.getRunningLoop();
    }

    /** Python's {@code _done_callback}. */
    private void childDone(Future<?> fut) {
        finished++;
        if (done()) {
            if (!fut.cancelled()) {
                fut.exception(); // mark it retrieved
            }
            return;
        }
        if (!returnExceptions) {
            if (fut.cancelled()) {
                setException(fut.makeCancelledError());
                return;
            }
            Throwable exc = fut.exception();
            if (exc != null) {
                setException(exc);
                return;
            }
        }
        if (finished == distinct) {
            List<T> results = new ArrayList<>(children.size());
            for (Future<?> child : children) {
                results.add(outcome(child));
            }
            if (cancelRequested) {
                setException(fut.makeCancelledError());
            } else {
                setResult(results);
            }
        }
    }

    // a child's result is a T, or stands in the results as one (an exception, with returnExceptions)
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private static <T extends @Nullable Object> T outcome(Future<?> child) {
        if (child.cancelled()) {
            String m = child.cancelMessage();
            return (T) new CancelledError(m == null ? "" : m);
        }
        Throwable e = child.exception();
        return (T) (e != null ? e : child.rawResult());
    }

    /** Cancels the children that are not done; true if any was. The gather then raises CancelledError. */
    @Override
    public boolean cancel(@Nullable String msg) {
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(msg)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }
}
