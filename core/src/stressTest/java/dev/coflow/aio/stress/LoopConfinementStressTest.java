package dev.coflow.aio.stress;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3: two threads resuming generators whose bodies call a running loop's {@code callSoon}
 * over and over, while the loop's own coroutine schedules callbacks of its own. Every foreign call is
 * refused, the thread-safe ones all run, and the loop's own callbacks all run: nothing corrupts the
 * queues (it used to kill the loop thread with a NullPointerException or lose callbacks).
 */
class LoopConfinementStressTest {

    private static final int PER_THREAD = 100_000;
    private static final int OWN = 100_000;

    @Test
    void foreignGeneratorsHammeringCallSoonAreRefusedAndTheLoopLosesNothing() throws Throwable {
        EventLoop loop = EventLoop.create();
        Thread loopThread = Thread.ofPlatform().name("confined-loop").start(loop::runForever);
        try {
            loop.submit(Coroutine.of(() -> null)).get(60, TimeUnit.SECONDS); // the loop runs now
            int[] ownRan = {0};
            int[] threadsafeRan = {0};
            CompletableFuture<Integer> own = loop.submit(Coroutine.of(() -> {
                for (int i = 0; i < OWN; i++) {
                    loop.callSoon(() -> ownRan[0]++);
                    if (i % 64 == 0) {
                        await(sleep(Duration.ZERO));
                    }
                }
                await(sleep(Duration.ZERO));
                return ownRan[0];
            }));
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] foreign = new Thread[2];
            for (int k = 0; k < foreign.length; k++) {
                foreign[k] = Thread.ofPlatform().name("foreign-" + k).start(() -> {
                    Generator<Integer, Void, Void> g = Generator.of(y -> {
                        for (;;) {
                            try {
                                loop.callSoon(() -> { });
                                accepted.incrementAndGet();
                            } catch (IllegalStateException expected) {
                                refused.incrementAndGet();
                            }
                            loop.callSoonThreadsafe(() -> threadsafeRan[0]++);
                            y.yield(1);
                        }
                    });
                    try {
                        for (int i = 0; i < PER_THREAD; i++) {
                            g.next();
                        }
                        g.close();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
            }
            for (Thread t : foreign) {
                t.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            assertEquals(OWN, own.get(120, TimeUnit.SECONDS));
            int threadsafe = loop.submit(Coroutine.of(() -> {
                await(sleep(Duration.ZERO)); // the thread-safe callbacks queued before this task ran by now
                return threadsafeRan[0];
            })).get(60, TimeUnit.SECONDS);
            assertEquals(0, accepted.get());
            assertEquals(2 * PER_THREAD, refused.get());
            assertEquals(2 * PER_THREAD, threadsafe);
            assertTrue(loopThread.isAlive() && loop.isRunning(), "the loop thread is alive and running");
        } finally {
            loop.stop();
            loopThread.join();
            loop.close();
        }
    }

    @Test
    void coroutinesOfTwoLoopsCannotScheduleOnEachOther() throws Throwable {
        EventLoop a = EventLoop.create();
        EventLoop b = EventLoop.create();
        Thread ta = Thread.ofPlatform().start(a::runForever);
        Thread tb = Thread.ofPlatform().start(b::runForever);
        try {
            CompletableFuture<Integer> fromA = a.submit(crossCalls(b));
            CompletableFuture<Integer> fromB = b.submit(crossCalls(a));
            assertEquals(10_000, fromA.get(120, TimeUnit.SECONDS));
            assertEquals(10_000, fromB.get(120, TimeUnit.SECONDS));
        } finally {
            a.stop();
            b.stop();
            ta.join();
            tb.join();
            a.close();
            b.close();
        }
    }

    /** Calls {@code other.callSoon} 10,000 times from a coroutine of another loop; returns how many were refused. */
    private static Coroutine<Integer> crossCalls(EventLoop other) {
        return Coroutine.of(() -> {
            int refused = 0;
            for (int i = 0; i < 10_000; i++) {
                try {
                    other.callSoon(() -> { });
                } catch (IllegalStateException expected) {
                    refused++;
                }
                if (i % 64 == 0) {
                    await(sleep(Duration.ZERO));
                }
            }
            return refused;
        });
    }
}
