package dev.coflow.aio;

import java.util.concurrent.locks.LockSupport;

/**
 * Who runs an {@link EventLoop}'s iterations: the part of the loop that varies with its kind of thread.
 * A loop of its own ({@link OwnThread}) runs on the thread that calls {@link EventLoop#runForever()}
 * until {@link EventLoop#stop()}; a {@linkplain EventLoop#createDriven driven loop} ({@link DrivenTurns})
 * is run in turns by its {@link LoopDriver}. The loop keeps the queues and the asyncio API and asks its
 * runner wherever the two kinds differ.
 *
 * <p>Thread-safety: {@link #wake()}, {@link #stop()} and {@link #close()} from any thread; the checks
 * from the caller whose call they guard.
 */
abstract sealed class LoopRunner permits LoopRunner.OwnThread, DrivenTurns {

    final EventLoop loop;

    LoopRunner(EventLoop loop) {
        this.loop = loop;
    }

    /** Fails unless {@link EventLoop#runForever()} may run this loop on the calling thread. */
    abstract void checkRunsForever();

    /**
     * Fails if a non-thread-safe call reaching a loop that is not running must be refused (before it runs,
     * a loop of its own belongs to the thread that will run it).
     */
    abstract void checkCallWhileNotRunning();

    /** Work came in from another thread, or became ready: makes sure an iteration will run it. Any thread. */
    abstract void wake();

    /** Python's {@code loop.stop()}: see {@link EventLoop#stop()}. Any thread. */
    abstract void stop();

    /** Python's {@code loop.close()}: see {@link EventLoop#close()}. */
    abstract void close();

    /** A loop that runs on the thread calling {@link EventLoop#runForever()}, parked when idle. */
    static final class OwnThread extends LoopRunner {

        OwnThread(EventLoop loop) {
            super(loop);
        }

        @Override
        void checkRunsForever() {
            // Any thread may run it.
        }

        @Override
        void checkCallWhileNotRunning() {
            // The thread that will run the loop sets it up: EventLoop.checkThread has the rest.
        }

        @Override
        void wake() {
            Thread o = loop.owner();
            if (o != null && o != Thread.currentThread()) {
                LockSupport.unpark(o);
            }
        }

        @Override
        void stop() {
            loop.markStopping();
            wake();
        }

        @Override
        void close() {
            if (loop.isRunning()) {
                throw new IllegalStateException("Cannot close a running event loop");
            }
            loop.closeOnce();
        }
    }
}
