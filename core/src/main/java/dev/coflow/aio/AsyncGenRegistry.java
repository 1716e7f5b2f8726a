package dev.coflow.aio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The async generators an event loop finalizes: Python's {@code loop._asyncgens} with the loop's
 * firstiter and finalizer hooks and {@code shutdown_asyncgens}. A generator joins on its first step on
 * the loop and leaves when it closes. Loop-confined, except {@link #dropped}, which the cleaner thread
 * calls.
 */
final class AsyncGenRegistry {

    private final EventLoop loop;
    /** Strong references: a generator is kept (and its fiber alive) until it closes or is finalized here. */
    private final Set<AsyncGenCore<?>> live = new LinkedHashSet<>();
    private boolean shutdownCalled;

    AsyncGenRegistry(EventLoop loop) {
        this.loop = loop;
    }

    /** Python's {@code _asyncgen_firstiter_hook}. */
    void firstIter(AsyncGenCore<?> agen) {
        if (shutdownCalled) {
            Diagnostics.LOG.log(System.Logger.Level.WARNING, "asynchronous generator " + agen
                    + " was scheduled after loop.shutdownAsyncgens() call");
        }
        live.add(agen);
    }

    void discard(AsyncGenCore<?> agen) {
        live.remove(agen);
    }

    /**
     * Python's {@code _asyncgen_finalizer_hook}: the program dropped a suspended generator; close it in a
     * task on the loop. Nothing happens once the loop is closed, as in Python.
     */
    void dropped(AsyncGenCore<?> agen) {
        // Refused when the loop is gone: there is nowhere to run the generator's finally blocks.
        loop.offerThreadsafe(() -> {
            if (live.remove(agen) && !agen.isClosed()) {
                loop.createTask(agen.closer(agen));
            }
        });
    }

    /**
     * Python's {@code loop.shutdown_asyncgens()}: closes every live generator concurrently, each in its own
     * task, and reports the failures to the loop's exception handler.
     */
    Coroutine<@Nullable Void> shutdown() {
        return Coroutine.<@Nullable Void>of("shutdown_asyncgens", () -> {
            shutdownCalled = true;
            if (live.isEmpty()) {
                return null;
            }
            List<AsyncGenCore<?>> closing = new ArrayList<>(live);
            live.clear();
            List<Coroutine<@Nullable Void>> closers = new ArrayList<>();
            for (AsyncGenCore<?> agen : closing) {
                closers.add(agen.closer(agen));
            }
            List<@Nullable Object> results = Aio.await(Aio.gatherReturnExceptions(closers));
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof Exception e) {
                    Map<String, Object> context = new LinkedHashMap<>();
                    context.put("message", "an error occurred during closing of asynchronous generator "
                            + closing.get(i));
                    context.put("exception", e);
                    context.put("asyncgen", closing.get(i));
                    loop.callExceptionHandler(context);
                }
            }
            return null;
        });
    }
}
