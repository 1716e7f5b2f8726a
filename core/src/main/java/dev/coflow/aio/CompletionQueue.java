package dev.coflow.aio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The machinery of {@link Aio#asCompleted}: futures are queued as they complete (a timeout queues one
 * marker per future left), and each of the n coroutines handed out takes the next one, as Python's
 * {@code as_completed} does with its internal Queue.
 */
final class CompletionQueue<T extends @Nullable Object> {

    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    private final IdentityHashMap<Future<?>, Boolean> todo = new IdentityHashMap<>();
    private final ArrayDeque<Object> done = new ArrayDeque<>();
    private final ArrayDeque<Future<@Nullable Void>> getters = new ArrayDeque<>();
    private @Nullable TimerHandle timeoutHandle;
    /** One instance, so that removeDoneCallback finds it. */
    private final Consumer<Future<?>> onCompletion = this::onCompletion;

    private CompletionQueue(EventLoop loop) {
        this.loop = loop;
    }

    static <T extends @Nullable Object> List<Coroutine<T>> start(Collection<?> awaitables, @Nullable Duration timeout) {
        EventLoop loop = Aio.getRunningLoop();
        CompletionQueue<T> q = new CompletionQueue<>(loop);
        List<Future<?>> futures = new ArrayList<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        for (Object aw : awaitables) {
            if (seen.put(aw, Boolean.TRUE) == null) {
                Future<?> f = Aio.ensureFuture(aw, loop);
                if (q.todo.put(f, Boolean.TRUE) == null) {
                    futures.add(f);
                }
            }
        }
        for (Future<?> f : futures) {
            f.addDoneCallback(q.onCompletion);
        }
        if (!futures.isEmpty() && timeout != null) {
            q.timeoutHandle = loop.callLater(timeout, q::onTimeout);
        }
        List<Coroutine<T>> items = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            items.add(Coroutine.of("_wait_for_one", q::waitForOne));
        }
        return items;
    }

    private void onTimeout() {
        for (Future<?> f : todo.keySet()) {
            f.removeDoneCallback(onCompletion);
            put(TIMED_OUT);
        }
        todo.clear();
    }

    private void onCompletion(Future<?> f) {
        if (todo.isEmpty()) {
            return; // the timeout was here first
        }
        todo.remove(f);
        put(f);
        TimerHandle h = timeoutHandle;
        if (todo.isEmpty() && h != null) {
            h.cancel();
        }
    }

    private void put(Object item) {
        done.addLast(item);
        Future<@Nullable Void> getter;
        while ((getter = getters.pollFirst()) != null) {
            if (!getter.done()) {
                getter.setResult(null);
                break;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private T waitForOne() {
        while (done.isEmpty()) {
            Future<@Nullable Void> getter = loop.createFuture();
            getters.addLast(getter);
            Aio.await(getter);
        }
        Object item = done.pollFirst();
        if (item == TIMED_OUT) {
            throw new TimeoutError("as_completed: the timeout expired before all awaitables completed");
        }
        return ((Future<T>) item).result();
    }
}
