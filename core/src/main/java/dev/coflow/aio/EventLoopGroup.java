package dev.coflow.aio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * N event loops, each running on its own thread: the seed's answer to "coroutines use only one core" —
 * one loop per core, with work spread over them. {@link #next()} hands the loops out round-robin; each
 * loop is single-threaded as usual, so coroutines on one loop still need no locks, while coroutines on
 * different loops run in parallel. Talk to a loop from outside with its thread-safe entry points
 * ({@link EventLoop#submit}, {@link EventLoop#callSoonThreadsafe}), or with {@link #submit} here.
 *
 * <p>Python counterpart: none built in; with asyncio one starts a thread per core and calls
 * {@code asyncio.run} in each, which is what this class does for you.
 *
 * <p>Thread-safety: thread-safe.
 *
 * <pre>{@code
 * try (EventLoopGroup group = EventLoopGroup.create(2)) {
 *     CompletableFuture<String> a = group.submit(work("a"));   // runs on loop 0
 *     CompletableFuture<String> b = group.submit(work("b"));   // runs on loop 1, in parallel
 *     print(a.join() + b.join());
 * }
 * }</pre>
 */
public final class EventLoopGroup implements AutoCloseable {

    private final List<EventLoop> loops;
    private final List<Thread> threads;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private volatile boolean closed;

    private EventLoopGroup(int size) {
        List<EventLoop> ls = new ArrayList<>(size);
        List<Thread> ts = new ArrayList<>(size);
        CountDownLatch running = new CountDownLatch(size);
        for (int i = 0; i < size; i++) {
            EventLoop loop = EventLoop.create();
            ls.add(loop);
            loop.callSoon(running::countDown);
            Thread t = new Thread(() -> {
                try {
                    loop.runForever();
                } finally {
                    loop.close();
                }
            }, "coflow-loop-" + i);
            t.setDaemon(true);
            ts.add(t);
        }
        this.loops = List.copyOf(ls);
        this.threads = List.copyOf(ts);
        threads.forEach(Thread::start);
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the event loop threads", e);
        }
    }

    /** A group of one loop per available processor. */
    public static EventLoopGroup create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A group of {@code size} loops, each running on its own (daemon) thread named {@code coflow-loop-i}.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static EventLoopGroup create(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("EventLoopGroup.create(size): size must be at least 1, got " + size);
        }
        return new EventLoopGroup(size);
    }

    /**
     * The next loop, round-robin.
     *
     * @throws IllegalStateException if the group is closed
     */
    public EventLoop next() {
        if (closed) {
            throw new IllegalStateException("EventLoopGroup is closed");
        }
        return loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
    }

    /** Runs {@code coro} on the {@link #next()} loop: see {@link EventLoop#submit}. */
    public <T extends @Nullable Object> CompletableFuture<T> submit(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "submit(coro): coro must not be null");
        return next().submit(coro);
    }

    /** The loops, in round-robin order. */
    public List<EventLoop> loops() {
        return loops;
    }

    /** How many loops the group has. */
    public int size() {
        return loops.size();
    }

    /**
     * Stops every loop (each finishes its current batch of callbacks), waits for their threads to end and
     * closes the loops. Pending tasks are not run to their end: closing a loop closes their coroutines
     * ({@code finally} blocks run) and ends them CANCELLED, see {@link EventLoop#close()}.
     * A second close is a no-op.
     *
     * @throws IllegalStateException when called from one of the group's own loops
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (threads.contains(Thread.currentThread())) {
            throw new IllegalStateException("EventLoopGroup.close() called from one of its own loops:"
                    + " close it from another thread");
        }
        closed = true;
        loops.forEach(EventLoop::stop);
        boolean interrupted = false;
        for (Thread t : threads) {
            for (;;) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
