package dev.coflow.spring;

import dev.coflow.aio.Aio;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EventLoop} run forever by a thread of its own, from {@link #start} until {@link #close()}:
 * Python's
 * <pre>
 * loop = asyncio.new_event_loop()
 * threading.Thread(target=loop.run_forever, daemon=True).start()
 * </pre>
 * the usual way to give synchronous code (here: WebFlux handlers, called on Netty's threads) a loop to
 * hand coroutines to with {@link EventLoop#submit} ({@code asyncio.run_coroutine_threadsafe}).
 *
 * <p>Thread-safety: every method may be called from any thread, except {@link #close()} from the loop's
 * own thread. The {@linkplain #loop() loop} is as thread-safe as any running loop: from other threads use
 * its {@code callSoonThreadsafe} and {@code submit}.
 *
 * <pre>{@code
 * try (EventLoopThread background = EventLoopThread.start("coflow-loop")) {
 *     CompletableFuture<String> answer = background.loop().submit(Coroutine.of(() -> {
 *         await(sleep(Duration.ofMillis(10)));
 *         return "done";
 *     }));
 *     answer.join();   // "done"
 * }                    // pending tasks are cancelled, their finally blocks run, the loop closes
 * }</pre>
 */
public final class EventLoopThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventLoopThread.class.getName());
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoop loop;
    private final Thread thread;
    private final AtomicBoolean closing = new AtomicBoolean();

    private EventLoopThread(EventLoop loop, String threadName) {
        this.loop = loop;
        this.thread = new Thread(this::run, threadName);
        // Daemon, as Python's usual recipe: a forgotten close() must not keep the JVM alive.
        this.thread.setDaemon(true);
    }

    /**
     * A new event loop (real time) running forever on a new daemon thread named {@code threadName}.
     *
     * @throws NullPointerException if {@code threadName} is null
     */
    public static EventLoopThread start(String threadName) {
        Objects.requireNonNull(threadName, "EventLoopThread.start(threadName): threadName must not be null");
        EventLoopThread started = new EventLoopThread(EventLoop.create(), threadName);
        started.thread.start();
        return started;
    }

    /** The loop this thread runs. */
    public EventLoop loop() {
        return loop;
    }

    /** The thread that runs the loop: coroutines, callbacks and task steps run there. */
    public Thread thread() {
        return thread;
    }

    private void run() {
        try {
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    /**
     * Shuts the loop down as {@code asyncio.run} does on its way out, waiting at most 10 seconds: see
     * {@link #close(Duration)}.
     */
    @Override
    public void close() {
        close(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Shuts the loop down as {@code asyncio.run} does on its way out: cancels the tasks still pending and
     * lets them run their cleanup ({@code finally} blocks, {@code catch (CancelledError e)}), then stops
     * the loop and closes it on its thread, waiting for all that at most {@code timeout}. A task that
     * keeps running past the timeout is abandoned (the loop is stopped anyway) and reported on this
     * class's logger. A second call only waits.
     *
     * @throws IllegalStateException when called from the loop's own thread or one of its coroutines, which
     *     cannot wait for the loop
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "close(timeout): timeout must not be null");
        if (calledFromTheLoop()) {
            throw new IllegalStateException("An EventLoopThread cannot be closed from its own thread: the loop"
                    + " would wait for itself; close it from another thread, or call loop().stop()");
        }
        if (closing.compareAndSet(false, true)) {
            // Refused if the loop closed already (its thread ended): nothing is left to cancel.
            loop.offerThreadsafe(this::cancelAllThenStop);
        }
        if (!joined(timeout)) {
            loop.stop();
            if (!joined(timeout)) {
                LOG.log(System.Logger.Level.WARNING, "Event loop thread " + thread.getName()
                        + " did not stop within " + timeout + "; a callback or task step is blocking it");
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "Event loop thread " + thread.getName() + " was stopped with"
                    + " tasks that had not finished their cleanup within " + timeout);
        }
    }

    /** On the loop's thread, or in a coroutine body of the loop (a virtual thread on that engine). */
    private boolean calledFromTheLoop() {
        if (Thread.currentThread() == thread) {
            return true;
        }
        return Aio.getRunningLoopOrNull() == loop;
    }

    /** Runs on the loop: Python's {@code _cancel_all_tasks}, then {@code loop.stop()}. */
    private void cancelAllThenStop() {
        Set<Task<?>> pending = loop.allTasks();
        if (pending.isEmpty()) {
            loop.stop();
            return;
        }
        int[] left = {pending.size()};
        for (Task<?> task : pending) {
            task.addDoneCallback(done -> {
                if (--left[0] == 0) {
                    loop.stop();
                }
            });
            task.cancel("the event loop is shutting down");
        }
    }

    private boolean joined(Duration timeout) {
        try {
            return thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    @Override
    public String toString() {
        return "EventLoopThread[" + thread.getName() + ", " + loop + "]";
    }
}
