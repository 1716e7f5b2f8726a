package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

class CoReactorSchedulerTest {

    @Test
    void publishOnRunsTheDownstreamOnTheLoopThread() throws InterruptedException {
        try (LoopThread running = new LoopThread()) {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            StepVerifier.create(Flux.range(1, 100)
                            .publishOn(CoReactor.scheduler(running.loop), 8)
                            .doOnNext(i -> threads.add(Thread.currentThread())))
                    .expectNextCount(100)
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
            assertEquals(List.of(running.callbackThread()), threads.stream().distinct().toList());
            assertEquals("test-loop", threads.get(0).getName());
        }
    }

    @Test
    void tasksInterleaveInOrderWithTheLoopsCoroutines() {
        EventLoop loop = EventLoop.createVirtualTime();
        Scheduler scheduler = CoReactor.scheduler(loop);
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            Aio.createTask(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("coroutine " + i);
                    await(sleep(Duration.ZERO));
                }
                return null;
            }));
            scheduler.schedule(() -> log.add("task a"));
            scheduler.schedule(() -> log.add("task b"));
            await(sleep(Duration.ofSeconds(1)));
            return null;
        }));
        // Scheduled from the loop itself, the tasks run on the next iterations, after the task's first step.
        assertEquals(List.of("coroutine 0", "task a", "task b", "coroutine 1", "coroutine 2"), log);
        loop.close();
    }

    @Test
    void delayedAndPeriodicTasksRunOnTheLoopsClock() {
        EventLoop loop = EventLoop.createVirtualTime();
        Scheduler scheduler = CoReactor.scheduler(loop);
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            scheduler.schedule(() -> log.add("2h at " + loop.time()), 2, TimeUnit.HOURS);
            scheduler.schedule(() -> log.add("1h at " + loop.time()), 1, TimeUnit.HOURS);
            Disposable[] periodic = new Disposable[1];
            int[] runs = {0};
            periodic[0] = scheduler.schedulePeriodically(() -> {
                log.add("tick at " + loop.time());
                if (++runs[0] == 3) {
                    periodic[0].dispose();
                }
            }, 10, 10, TimeUnit.SECONDS);
            await(sleep(Duration.ofHours(3)));
            return null;
        }));
        assertEquals(List.of("tick at 10.0", "tick at 20.0", "tick at 30.0", "1h at 3600.0", "2h at 7200.0"), log);
        assertEquals(10_800L, scheduler.now(TimeUnit.SECONDS), "now() is the loop's virtual clock");
        loop.close();
    }

    @Test
    void disposingATaskAWorkerOrTheSchedulerCancelsWhatIsPending() {
        EventLoop loop = EventLoop.createVirtualTime();
        Scheduler scheduler = CoReactor.scheduler(loop);
        List<String> log = new ArrayList<>();
        Scheduler.Worker worker = scheduler.createWorker();
        loop.runUntilComplete(Coroutine.of(() -> {
            Disposable single = scheduler.schedule(() -> log.add("disposed task ran"), 1, TimeUnit.SECONDS);
            worker.schedule(() -> log.add("worker 1"));
            worker.schedule(() -> log.add("worker late"), 5, TimeUnit.SECONDS);
            single.dispose();
            await(sleep(Duration.ofSeconds(2)));
            worker.dispose();
            await(sleep(Duration.ofSeconds(10)));
            return null;
        }));
        assertEquals(List.of("worker 1"), log);
        assertTrue(worker.isDisposed());
        assertThrows(RejectedExecutionException.class, () -> worker.schedule(() -> { }));
        scheduler.dispose();
        assertTrue(scheduler.isDisposed());
        assertThrows(RejectedExecutionException.class, () -> scheduler.schedule(() -> { }));
        loop.close();
        assertThrows(RejectedExecutionException.class,
                () -> CoReactor.scheduler(loop).schedule(() -> { }), "a closed loop rejects tasks");
    }
}
