package dev.coflow.reactor;

import dev.coflow.aio.EventLoop;

/** An event loop running on its own thread for the length of a test. */
final class LoopThread implements AutoCloseable {
    final EventLoop loop;
    final Thread thread;

    LoopThread(EventLoop loop) {
        this.loop = loop;
        thread = Thread.ofPlatform().daemon().name("test-loop").start(loop::runForever);
    }

    LoopThread() {
        this(EventLoop.create());
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        thread.join();
        loop.close();
    }
}
