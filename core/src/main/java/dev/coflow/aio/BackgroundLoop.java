package dev.coflow.aio;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One shared event loop on a daemon thread, started on first use: where a coroutine runs when the
 * code that starts it (a Reactor or RxJava subscriber, a Spring handler) runs on no loop of its own.
 *
 * <p>Python counterpart: none built in; it plays the part of the loop a thread-pool application keeps
 * running in a side thread and feeds with {@code asyncio.run_coroutine_threadsafe}. {@link #runningOrShared()}
 * follows asyncio's rule first: the running loop wins.
 *
 * <p>Threads: by default the loop runs on a platform daemon thread named {@code coflow-background-loop}
 * (daemon, so the loop never keeps the JVM alive); on the virtual-thread engine that thread hands the
 * iterations to a virtual thread of the same name and waits for it, as every {@link EventLoop#runForever()}
 * there does. A coroutine that fails, even with a {@link StackOverflowError}, fails alone: the loop goes
 * on serving the others.
 *
 * <p>Lifecycle, as Reactor's {@code Schedulers.shutdownNow()} and {@code Schedulers.setFactory}:
 * {@link #shutdown()} stops the loop and closes it (a task still pending is ended as
 * {@link EventLoop#close()} ends it); the next {@link #shared()} starts a fresh loop. Work handed to the
 * old loop afterwards is refused as on any closed loop ({@link EventLoopClosedError}, or {@code false}
 * from {@link EventLoop#offerThreadsafe}), and the bridges pass that on to their subscribers.
 * {@link #setFactory} chooses how later loops and their threads are made (a virtual-time loop for a
 * test, a thread of another name), {@link #resetFactory()} restores the default; both shut the current
 * loop down, so that the next use gets one made the new way.
 *
 * <p>Thread-safety: thread-safe. Talk to the loop through its thread-safe entry points
 * ({@link EventLoop#submit}, {@link EventLoop#callSoonThreadsafe}, {@link EventLoop#offerThreadsafe}).
 *
 * <pre>{@code
 * CompletableFuture<String> answer = BackgroundLoop.shared().submit(fetchGreeting());
 * EventLoop here = BackgroundLoop.runningOrShared();   // inside a coroutine: its own loop
 * BackgroundLoop.shutdown();                           // e.g. when the application stops
 * }</pre>
 */
public final class BackgroundLoop {

    /** The default thread: platform, daemon, {@code coflow-background-loop}. */
    private static final ThreadFactory DEFAULT_THREADS =
            Thread.ofPlatform().name("coflow-background-loop").daemon().factory();

    /** The loop in service and the thread that runs it; replaced when it is shut down or closes. */
    private record Running(EventLoop loop, Thread thread) {}

    /** Read without the lock on the fast path of {@link #shared()}; written under it. */
    @GuardedBy("BackgroundLoop.class")
    private static volatile @Nullable Running current;
    @GuardedBy("BackgroundLoop.class")
    private static Supplier<? extends EventLoop> loops = EventLoop::create;
    @GuardedBy("BackgroundLoop.class")
    private static ThreadFactory threads = DEFAULT_THREADS;

    private BackgroundLoop() {}

    /**
     * The shared loop, running; started on first use, and again on the first use after it was shut down
     * or closed.
     *
     * @throws NullPointerException if a factory given to {@link #setFactory} returns null
     */
    public static EventLoop shared() {
        @SuppressWarnings("GuardedBy") // the fast path: a volatile read; none, or a closed one, takes the lock
        Running r = current;
        if (r != null && !r.loop.isClosed()) {
            return r.loop;
        }
        synchronized (BackgroundLoop.class) {
            r = current;
            if (r == null || r.loop.isClosed()) {
                r = start();
                current = r;
            }
            return r.loop;
        }
    }

    /** The loop running on this thread (inside a coroutine or a loop callback), else {@link #shared()}. */
    public static EventLoop runningOrShared() {
        EventLoop running = Aio.getRunningLoopOrNull();
        return running != null ? running : shared();
    }

    /**
     * Stops the shared loop and closes it, then returns once its thread has ended; a no-op if none was
     * started. Called from the loop itself (one of its callbacks or coroutines), it cannot wait for the
     * loop: it returns at once, and the loop stops and closes after the current step. If the waiting
     * thread is interrupted, it stops waiting and keeps its interrupt status.
     */
    public static void shutdown() {
        Running r;
        synchronized (BackgroundLoop.class) {
            r = current;
            current = null;
        }
        if (r == null) {
            return;
        }
        r.loop.stop(); // any thread; the loop's thread closes it once runForever returns
        if (Thread.currentThread() == r.thread || Aio.getRunningLoopOrNull() == r.loop) {
            return;
        }
        try {
            r.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes later shared loops with {@code loops} and runs each on a thread from {@code threads}, and
     * shuts the current one down (see {@link #shutdown()}): Reactor's {@code Schedulers.setFactory}. The
     * thread factory should make daemon threads, or the application must call {@link #shutdown()} to
     * exit.
     *
     * <pre>{@code
     * BackgroundLoop.setFactory(EventLoop::createVirtualTime,
     *         Thread.ofPlatform().name("test-background-loop").daemon().factory());
     * }</pre>
     *
     * @param loops makes a new, unused loop (not a {@linkplain EventLoop#createDriven driven} one) each time
     * @param threads makes the thread that runs it
     * @throws NullPointerException if an argument is null
     */
    public static void setFactory(Supplier<? extends EventLoop> loops, ThreadFactory threads) {
        Objects.requireNonNull(loops, "setFactory(loops, threads): loops must not be null");
        Objects.requireNonNull(threads, "setFactory(loops, threads): threads must not be null");
        synchronized (BackgroundLoop.class) {
            BackgroundLoop.loops = loops;
            BackgroundLoop.threads = threads;
        }
        shutdown();
    }

    /**
     * Restores the default factory (a real-time loop on {@code coflow-background-loop}) and shuts the
     * current loop down.
     */
    public static void resetFactory() {
        setFactory(EventLoop::create, DEFAULT_THREADS);
    }

    /** Under the class lock: a new loop, running forever on a new thread that closes it when it stops. */
    @GuardedBy("BackgroundLoop.class")
    private static Running start() {
        EventLoop loop = Objects.requireNonNull(loops.get(), "BackgroundLoop: the loop factory returned null");
        Thread thread = threads.newThread(() -> {
            try {
                loop.runForever();
            } finally {
                loop.close();
            }
        });
        Objects.requireNonNull(thread, "BackgroundLoop: the thread factory returned null");
        thread.start();
        return new Running(loop, thread);
    }
}
