package dev.coflow.reactor;

import dev.coflow.aio.Aio;
import dev.coflow.aio.EventLoop;

/**
 * The event loop {@code CoReactor.mono(coroutines)} uses when it is subscribed to from a thread that runs
 * no loop: one shared loop on a daemon thread, started on first use (the holder idiom makes that lazy and
 * thread-safe).
 */
final class DefaultLoop {

    private DefaultLoop() {}

    static EventLoop get() {
        return Holder.LOOP;
    }

    /** The loop running on this thread (inside a coroutine or loop callback), else the shared one. */
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
            Thread.ofPlatform().name("coflow-reactor-loop").daemon().start(loop::runForever);
            return loop;
        }
    }
}
