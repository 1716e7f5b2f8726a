package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * B36-B37, finalization of abandoned generators: CPython closes them on the last reference; Coflow,
 * whose generators have a thread of their own on both engines, closes them when the GC finds them
 * (documented on {@link Generator}).
 */
class GeneratorFinalizationTest {

    /** Calls System.gc() until {@code ref} is cleared, a bounded number of times. */
    private static void collect(WeakReference<?> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "the abandoned generator was never collected");
    }

    private static WeakReference<Generator<Integer, Void, Void>> startAndAbandon(Runnable onFinally,
            boolean start) {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                onFinally.run();
            }
            return null;
        });
        if (start) {
            g.next();
        }
        return new WeakReference<>(g);
    }

    @Test
    void b36_neverStartedGeneratorRunsNothingOnAnyEngine() {
        AtomicBoolean finallyRan = new AtomicBoolean();
        collect(startAndAbandon(() -> finallyRan.set(true), false));
        assertFalse(finallyRan.get());
    }

    @Test
    void b36_anAbandonedSuspendedGeneratorIsClosedOnItsOwnThreadOnBothEngines() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Thread> finallyThread = new AtomicReference<>();
        AtomicReference<Throwable> raisedAtYield = new AtomicReference<>();
        abandonCatching(closed, finallyThread, raisedAtYield);
        for (int i = 0; i < 50 && !closed.await(100, TimeUnit.MILLISECONDS); i++) {
            System.gc();
        }
        assertEquals(0, closed.getCount(), "the abandoned generator's finally never ran");
        assertTrue(raisedAtYield.get() instanceof GeneratorExit, String.valueOf(raisedAtYield.get()));
        assertTrue(finallyThread.get().isVirtual());
        assertNotSame(Thread.currentThread(), finallyThread.get());
    }

    private static void abandonCatching(CountDownLatch closed, AtomicReference<Thread> finallyThread,
            AtomicReference<Throwable> raisedAtYield) {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Throwable t) {
                raisedAtYield.set(t);
                throw t;
            } finally {
                finallyThread.set(Thread.currentThread());
                closed.countDown();
            }
            return null;
        });
        g.next();
    }

    @Test
    void b37_aFinalizedBodyThatYieldsAgainIsReportedAndStillUnwoundOnBothEngines() throws InterruptedException {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        List<String> reported = new ArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            synchronized (reported) {
                reported.add(e.getMessage());
            }
        });
        try {
            CountDownLatch unwound = new CountDownLatch(1);
            abandonStubborn(unwound);
            for (int i = 0; i < 50 && !unwound.await(100, TimeUnit.MILLISECONDS); i++) {
                System.gc();
            }
            assertEquals(0, unwound.getCount(), "the stubborn generator was never unwound");
            synchronized (reported) {
                assertEquals(List.of("generator ignored GeneratorExit while being finalized"), reported);
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    private static void abandonStubborn(CountDownLatch unwound) {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                try {
                    y.yield(1);
                } catch (GeneratorExit ignored) {
                    y.yield(2);
                }
            } finally {
                unwound.countDown();
            }
            return null;
        });
        g.next();
    }
}
