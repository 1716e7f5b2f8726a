package dev.coflow.aio;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A synchronization primitive bound to the first event loop that makes it wait: Python's
 * {@code asyncio.mixins._LoopBoundMixin}. It can be created anywhere (no loop needed), and its waiters are
 * futures of that loop; using it from another loop afterwards is an error, as in Python.
 */
abstract class LoopBound {

    private @Nullable EventLoop loop;

    /**
     * The running loop, which becomes (or must already be) this primitive's loop.
     *
     * @throws IllegalStateException "no running event loop", or "... is bound to a different event loop"
     */
    final EventLoop loop() {
        EventLoop running = Aio.getRunningLoop();
        EventLoop bound = loop;
        if (bound == null) {
            loop = running;
        } else if (bound != running) {
            throw new IllegalStateException(this + " is bound to a different event loop: an asyncio"
                    + " primitive belongs to the loop it first waited on; create one per loop");
        }
        return running;
    }

    /**
     * Queues {@code fut} at the end of {@code waiters}, awaits it, and takes it off the queue however the
     * await ends: the wait of every primitive here (Python: {@code waiters.append(fut); try: await fut;
     * finally: waiters.remove(fut)}). The caller makes the future, to look at it when the await fails.
     */
    static void awaitQueued(ArrayDeque<Future<Boolean>> waiters, Future<Boolean> fut) {
        waiters.addLast(fut);
        try {
            Aio.await(fut);
        } finally {
            waiters.remove(fut);
        }
    }
}
