package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coflow.gen.Generator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Abandoned, unreachable generators do not keep parked virtual threads alive: the virtual-thread
 * engine releases each once the GC finds its generator unreachable (B36 on this engine).
 */
class AbandonedGeneratorsTest {

    @Test
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the fiber threads it waits for may need the core
    void manyStartedAndAbandonedGeneratorsLeaveNoLiveFiberThreads() throws InterruptedException {
        assumeTrue(Engines.engine().name().equals("virtual"));
        int before = VirtualThreadEngine.liveFibers();
        int count = 2_000;
        CountDownLatch finallyRan = new CountDownLatch(count);
        startAndAbandon(count, finallyRan);
        for (int gc = 0; gc < 100 && !finallyRan.await(100, TimeUnit.MILLISECONDS); gc++) {
            System.gc();
        }
        assertEquals(0, finallyRan.getCount(), "abandoned generators whose finally never ran");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (VirtualThreadEngine.liveFibers() > before && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertTrue(VirtualThreadEngine.liveFibers() <= before,
                "live fiber threads: " + VirtualThreadEngine.liveFibers() + ", before: " + before);
    }

    /** In its own frame, so that no generator stays reachable from the test's stack. */
    private static void startAndAbandon(int count, CountDownLatch finallyRan) {
        for (int i = 0; i < count; i++) {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                try {
                    for (int k = 0; ; k++) {
                        y.yield(k);
                    }
                } finally {
                    finallyRan.countDown();
                }
            });
            g.next();
            g.next();
        }
    }
}
