package dev.coflow.aio;

/**
 * One shared event loop on a daemon thread, started on first use: where a coroutine runs when the
 * code that starts it (a Reactor or RxJava subscriber, a Spring handler) runs on no loop of its own.
 *
 * <p>Python counterpart: none built in; it plays the part of the loop a thread-pool application keeps
 * running in a side thread and feeds with {@code asyncio.run_coroutine_threadsafe}. {@link #runningOrShared()}
 * follows asyncio's rule first: the running loop wins.
 *
 * <p>Thread-safety: thread-safe; the loop starts once (holder idiom) and is never closed, it ends with
 * the JVM. Talk to it through its thread-safe entry points ({@link EventLoop#submit},
 * {@link EventLoop#callSoonThreadsafe}). A coroutine that fails, even with a {@link StackOverflowError},
 * fails alone: the loop goes on serving the others.
 *
 * <pre>{@code
 * CompletableFuture<String> answer = BackgroundLoop.shared().submit(fetchGreeting());
 * EventLoop here = BackgroundLoop.runningOrShared();   // inside a coroutine: its own loop
 * }</pre>
 */
public final class BackgroundLoop {

    private BackgroundLoop() {}

    /** The shared loop, started on first use on the daemon thread {@code coflow-background-loop}. */
    public static EventLoop shared() {
        return Holder.LOOP;
    }

    /** The loop running on this thread (inside a coroutine or a loop callback), else {@link #shared()}. */
    public static EventLoop runningOrShared() {
        try {
            return Aio.getRunningLoop();
        } catch (IllegalStateException noLoop) {
            return shared();
        }
    }

    private static final class Holder {
        static final EventLoop LOOP = start();

        private static EventLoop start() {
            EventLoop loop = EventLoop.create();
            Thread.ofPlatform().name("coflow-background-loop").daemon().start(loop::runForever);
            return loop;
        }
    }
}
