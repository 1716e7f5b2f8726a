package dev.coflow.internal.engine;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Monitors held around a suspension (issue 13): on JDK 24+ a raw continuation resumed inside
 * {@code synchronized} used to take its caller's monitor into its frozen frames and crash the JVM within
 * a thousand steps. Each test here crashed the test JVM before the fix; now each must simply finish,
 * with every monitor still balanced, on both engines.
 */
class MonitorsAroundSuspensionTest {

    private static final int STEPS = 20_000;

    private static Generator<Integer, Void, Void> counter() {
        return Generator.of(y -> {
            for (int i = 0; ; i++) {
                y.yield(i);
            }
        });
    }

    @Test
    void aGeneratorResumedInsideSynchronizedRunsAndTheCallersMonitorStaysHeld() {
        Object lock = new Object();
        Generator<Integer, Void, Void> g = counter();
        long sum = 0;
        for (int i = 0; i < STEPS; i++) {
            synchronized (lock) {
                sum += g.next();
                assertTrue(Thread.holdsLock(lock), "the caller still holds its monitor after the step");
            }
        }
        assertEquals((long) STEPS * (STEPS - 1) / 2, sum);
        g.close();
    }

    @Test
    void aBodyThatYieldsInsideSynchronizedKeepsItsMonitorAcrossTheYield() {
        Object lock = new Object();
        Object callerLock = new Object();
        Generator<Boolean, Void, Void> g = Generator.of(y -> {
            for (;;) {
                synchronized (lock) {
                    y.yield(Thread.holdsLock(lock));
                }
            }
        });
        for (int i = 0; i < STEPS; i++) {
            synchronized (callerLock) {
                assertTrue(g.next(), "the body holds its monitor at its yield");
            }
        }
        g.close();
        synchronized (lock) {
            assertTrue(Thread.holdsLock(lock), "the body released its monitor when it closed");
        }
    }

    @Test
    void aBodyResumedFromTwoThreadsInTurnInsideSynchronized() throws Exception {
        Object lock = new Object();
        Generator<Integer, Void, Void> g = counter();
        ExecutorService a = Executors.newSingleThreadExecutor();
        ExecutorService b = Executors.newSingleThreadExecutor();
        try {
            long sum = 0;
            for (int i = 0; i < STEPS / 4; i++) {
                Future<Integer> step = (i % 2 == 0 ? a : b).submit(() -> {
                    synchronized (lock) {
                        return g.next();
                    }
                });
                sum += step.get();
            }
            assertEquals((long) (STEPS / 4) * (STEPS / 4 - 1) / 2, sum);
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    @Test
    void aCoroutineLoopRunInsideSynchronizedStepsItsTasksSafely() {
        Object lock = new Object();
        int total;
        synchronized (lock) {
            total = Aio.run(Coroutine.of(() -> {
                int n = 0;
                for (int i = 0; i < 2_000; i++) {
                    await(sleep(Duration.ZERO));
                    n++;
                }
                return n;
            }), EventLoop::createVirtualTime);
        }
        assertEquals(2_000, total);
    }

    @Test
    void aCoroutineThatResumesAGeneratorInsideSynchronized() throws InterruptedException {
        Object lock = new Object();
        CountDownLatch done = new CountDownLatch(1);
        int total = Aio.run(Coroutine.of(() -> {
            Generator<Integer, Void, Void> g = counter();
            int n = 0;
            for (int i = 0; i < 2_000; i++) {
                synchronized (lock) {
                    n += g.next() >= 0 ? 1 : 0;
                }
                if (i % 100 == 0) {
                    await(sleep(Duration.ZERO));
                }
            }
            done.countDown();
            return n;
        }), EventLoop::createVirtualTime);
        done.await();
        assertEquals(2_000, total);
    }
}
