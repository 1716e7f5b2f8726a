package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The virtual-thread engine, on its own instance whatever the JVM's engine is. */
class VirtualThreadEngineTest {

    private final VirtualThreadEngine engine = new VirtualThreadEngine();

    /** Counts overlapping work on the two sides; both sides also pass a plain field to each other. */
    private static final class Alternation {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        int lastWrittenByBody = -1;

        void enter() {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
        }

        void leave() {
            inside.decrementAndGet();
        }
    }

    private int runAlternation(int switches) {
        Alternation a = new Alternation();
        AtomicReference<Fiber> self = new AtomicReference<>();
        Object owner = new Object();
        try {
            Fiber fiber = engine.newFiber(owner, "alternation", () -> {
                for (int i = 0; i < switches; i++) {
                    a.enter();
                    a.lastWrittenByBody = i;
                    Thread.onSpinWait();
                    a.leave();
                    self.get().suspend();
                }
            });
            self.set(fiber);
            int steps = 0;
            int stale = 0;
            while (!fiber.resume()) {
                a.enter();
                if (a.lastWrittenByBody != steps) {
                    stale++;
                }
                steps++;
                Thread.onSpinWait();
                a.leave();
            }
            assertEquals(0, stale, "the caller saw a value the body had not yet written");
            assertEquals(switches, steps);
            return a.overlaps.get();
        } finally {
            Reference.reachabilityFence(owner);
        }
    }

    @Test
    void theBodyNeverRunsConcurrentlyWithAPlatformCaller() {
        assertEquals(0, runAlternation(20_000));
    }

    @Test
    void theBodyNeverRunsConcurrentlyWithAVirtualCaller() throws InterruptedException {
        AtomicInteger overlaps = new AtomicInteger(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                overlaps.set(runAlternation(20_000));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(caller.join(java.time.Duration.ofSeconds(60)), "the virtual caller did not finish");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(0, overlaps.get());
    }

    @Test
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the fiber threads it waits for may need the core
    void abandonedSuspendedFibersAreReleasedAndTheirThreadsEnd() throws InterruptedException {
        int before = VirtualThreadEngine.liveFibers();
        int count = 2_000;
        CountDownLatch finallyRan = new CountDownLatch(count);
        List<String> wrongSignal = new ArrayList<>();
        startAndAbandon(count, finallyRan, wrongSignal);
        for (int gc = 0; gc < 100 && !finallyRan.await(100, TimeUnit.MILLISECONDS); gc++) {
            System.gc();
        }
        assertEquals(0, finallyRan.getCount(), "abandoned fibers whose finally never ran");
        // the count drops right after each body's finally; bounded wait, no sleep
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (VirtualThreadEngine.liveFibers() > before && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertTrue(VirtualThreadEngine.liveFibers() <= before,
                "live fiber threads: " + VirtualThreadEngine.liveFibers() + ", before: " + before);
        synchronized (wrongSignal) {
            assertEquals(List.of(), wrongSignal);
        }
    }

    /** In its own frame, so that no owner stays reachable from the test's stack. */
    private void startAndAbandon(int count, CountDownLatch finallyRan, List<String> wrongSignal) {
        for (int i = 0; i < count; i++) {
            AtomicReference<Fiber> self = new AtomicReference<>();
            Fiber fiber = engine.newFiber(new Object(), "abandoned", () -> {
                try {
                    self.get().suspend();
                    synchronized (wrongSignal) {
                        wrongSignal.add("resumed normally");
                    }
                } catch (FiberReleased expected) {
                    throw expected;
                } catch (Throwable other) {
                    synchronized (wrongSignal) {
                        wrongSignal.add(other.toString());
                    }
                } finally {
                    finallyRan.countDown();
                }
            });
            self.set(fiber);
            fiber.resume();
        }
    }

    @Test
    void aFiberThatNeverStartedHasNoThread() {
        int before = VirtualThreadEngine.liveFibers();
        Object owner = new Object();
        try {
            Fiber fiber = engine.newFiber(owner, "never started", () -> {});
            // At most: fibers of earlier tests may still be ending (the count is the JVM's), none may start.
            int after = VirtualThreadEngine.liveFibers();
            assertTrue(after <= before, () -> "a new fiber started a thread: " + before + " -> " + after);
            assertTrue(fiber.resume());
        } finally {
            Reference.reachabilityFence(owner);
        }
    }
}
