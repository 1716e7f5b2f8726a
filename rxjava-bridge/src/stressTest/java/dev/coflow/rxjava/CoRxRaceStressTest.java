package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscribe, dispose and schedule racing from two threads against a loop running on a third. */
class CoRxRaceStressTest {

    private static final int ROUNDS = 2_000;

    private final ExecutorService racers = Executors.newFixedThreadPool(2);
    private RxPluginsErrors undeliverable;

    @BeforeEach
    void captureRxErrors() {
        undeliverable = new RxPluginsErrors();
    }

    @AfterEach
    void stop() {
        racers.shutdownNow();
        undeliverable.reset();
    }

    /** Runs {@code a} and {@code b} at the same moment on the two racer threads, and waits for both. */
    private void race(Runnable a, Runnable b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> fa = racers.submit(() -> {
            start.await();
            a.run();
            return null;
        });
        Future<?> fb = racers.submit(() -> {
            start.await();
            b.run();
            return null;
        });
        fa.get(10, TimeUnit.SECONDS);
        fb.get(10, TimeUnit.SECONDS);
    }

    @Test
    void subscribeRacingDisposeLeavesNoTaskRunningAndEveryStartedBodyFinished() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        try (LoopThread lt = new LoopThread()) {
            Single<String> single = CoRx.single(lt.loop, () -> Coroutine.of(() -> {
                started.incrementAndGet();
                try {
                    await(sleep(Duration.ofHours(1)));
                    return "never";
                } finally {
                    finished.incrementAndGet();
                }
            }));
            for (int i = 0; i < ROUNDS; i++) {
                TestObserver<String> to = new TestObserver<>();
                race(() -> single.subscribe(to), to::dispose);
                to.assertEmpty();
            }
            // Once the loop has only the checking task left, every cancellation has been delivered.
            int others = lt.loop.submit(Coroutine.of(() -> {
                while (Aio.allTasks().size() > 1) {
                    await(sleep(Duration.ofMillis(1)));
                }
                return Aio.allTasks().size() - 1;
            })).get(30, TimeUnit.SECONDS);
            assertEquals(0, others, "no task was left running after its subscriber disposed");
        }
        assertEquals(started.get(), finished.get(), "every body that started ran its finally");
        assertEquals(0, undeliverable.errors().size(), String.valueOf(undeliverable.errors()));
    }

    @Test
    void scheduleRacingWorkerDisposeLeavesNoQueuedTaskToRun() throws Exception {
        try (LoopThread lt = new LoopThread()) {
            Scheduler scheduler = CoRx.scheduler(lt.loop);
            CountDownLatch loopHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            scheduler.scheduleDirect(() -> {
                loopHeld.countDown();
                try {
                    release.await(); // nothing runs until every race below is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(loopHeld.await(10, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < ROUNDS; i++) {
                Scheduler.Worker w = scheduler.createWorker();
                race(() -> {
                    for (int k = 0; k < 5; k++) {
                        w.schedule(ran::incrementAndGet);
                        w.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
                    }
                }, w::dispose);
            }
            release.countDown();
            CountDownLatch marker = new CountDownLatch(1);
            scheduler.scheduleDirect(marker::countDown, 50, TimeUnit.MILLISECONDS);
            assertTrue(marker.await(10, TimeUnit.SECONDS));
            assertEquals(0, ran.get(), "every task was disposed with its worker before the loop could run it");
        }
        assertEquals(0, undeliverable.errors().size(), String.valueOf(undeliverable.errors()));
    }
}
