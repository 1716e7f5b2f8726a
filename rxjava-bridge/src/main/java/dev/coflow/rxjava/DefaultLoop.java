package dev.coflow.rxjava;

import dev.coflow.aio.Aio;
import dev.coflow.aio.EventLoop;

/**
 * The event loop that {@code CoRx.single(coroutines)} (and {@code maybe}, {@code completable},
 * {@code flowable(asyncGenerator)}) use when subscribed to from a thread that runs no loop: one shared loop on a daemon thread, started on first
 * use (the holder idiom makes that lazy and thread-safe). It is never closed; it ends with the JVM.
 *
 * <p>The Reactor bridge makes the same choice with a loop of its own: the bridges may not depend on
 * each other, and core offers no shared loop.
 */
final class DefaultLoop {

    private DefaultLoop() {}

    static EventLoop get() {
        return Holder.LOOP;
    }

    /** asyncio's rule where a loop runs on this thread (a coroutine or loop callback), else the shared one. */
    static EventLoop runningOrDefault() {
        try {
            return Aio.getRunningLoop();
        } catch (IllegalStateException noLoop) {
            return get();
        }
    }

    private static final class Holder {
        static final EventLoop LOOP = start();

        private static EventLoop start() {
            EventLoop loop = EventLoop.create();
            Thread.ofPlatform().name("coflow-rxjava-loop").daemon().start(loop::runForever);
            return loop;
        }
    }
}
