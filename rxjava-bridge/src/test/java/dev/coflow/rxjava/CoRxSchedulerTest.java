package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Future;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoRxSchedulerTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final Scheduler scheduler = CoRx.scheduler(loop);
    private RxPluginsErrors undeliverable;

    @BeforeEach
    void captureRxErrors() {
        undeliverable = new RxPluginsErrors();
    }

    @AfterEach
    void resetRxPlugins() {
        undeliverable.reset();
        loop.close();
    }

    /** Runs the loop until {@code delay} of (virtual) time has passed. */
    private void runFor(Duration delay) {
        loop.runUntilComplete(sleep(delay));
    }

    @Test
    void workerRunsImmediateTasksOnTheLoopThreadInTheOrderTheyWereScheduled() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (LoopThread lt = new LoopThread()) {
            Scheduler.Worker w = CoRx.scheduler(lt.loop).createWorker();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                w.schedule(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread());
                });
            }
            w.schedule(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(IntStream.range(0, 1000).boxed().toList(), order, "FIFO per worker");
            Thread loopThread = lt.callbackThread();
            assertTrue(threads.stream().allMatch(t -> t == loopThread), "every task ran on the loop's thread");
            w.dispose();
        }
    }

    @Test
    void observeOnDeliversOnTheLoopThread() throws Exception {
        try (LoopThread lt = new LoopThread()) {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            TestSubscriber<Integer> ts = Flowable.range(0, 100)
                    .subscribeOn(Schedulers.computation())
                    .observeOn(CoRx.scheduler(lt.loop), false, 8)
                    .doOnNext(i -> threads.add(Thread.currentThread()))
                    .test();
            ts.awaitDone(10, TimeUnit.SECONDS).assertValueCount(100).assertComplete();
            Thread loopThread = lt.callbackThread();
            assertTrue(threads.stream().allMatch(t -> t == loopThread), "onNext ran on the loop's thread");
        }
    }

    @Test
    @SuppressWarnings("CheckReturnValue") // take(3) ends the subscription: there is nothing to dispose
    void timedOperatorsInterleaveWithCoroutinesOnTheLoopClock() {
        List<String> log = new ArrayList<>();
        Flowable.interval(1, TimeUnit.SECONDS, scheduler)
                .take(3)
                .subscribe(tick -> log.add("rx " + tick + " @" + loop.time()));
        loop.runUntilComplete(Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(500)));
            for (int i = 0; i < 3; i++) {
                log.add("coroutine @" + loop.time());
                await(sleep(Duration.ofSeconds(1)));
            }
            return null;
        }));
        assertEquals(List.of("coroutine @0.5", "rx 0 @1.0", "coroutine @1.5", "rx 1 @2.0", "coroutine @2.5",
                "rx 2 @3.0"), log);
    }

    @Test
    void delayedTasksFireInDeadlineOrderAndNowIsTheLoopClock() {
        List<String> log = new ArrayList<>();
        Scheduler.Worker w = scheduler.createWorker();
        w.schedule(() -> log.add("five @" + w.now(TimeUnit.MILLISECONDS)), 5, TimeUnit.SECONDS);
        w.schedule(() -> log.add("one @" + scheduler.now(TimeUnit.MILLISECONDS)), 1, TimeUnit.SECONDS);
        w.schedule(() -> log.add("now @" + scheduler.now(TimeUnit.MILLISECONDS)));
        runFor(Duration.ofSeconds(10));
        assertEquals(List.of("now @0", "one @1000", "five @5000"), log);
        assertEquals(10, scheduler.now(TimeUnit.SECONDS), "the scheduler reads the loop's virtual clock");
    }

    @Test
    void periodicTasksRepeatOnTheLoopClockUntilDisposed() {
        List<Double> times = new ArrayList<>();
        AtomicReference<@Nullable Disposable> periodic = new AtomicReference<>();
        Future<@Nullable Void> third = loop.createFuture();
        periodic.set(scheduler.schedulePeriodicallyDirect(() -> {
            times.add(loop.time());
            if (times.size() == 3) {
                periodic.get().dispose();
                third.setResult(null);
            }
        }, 1, 2, TimeUnit.SECONDS));
        loop.runUntilComplete(third);
        runFor(Duration.ofSeconds(60));
        assertEquals(List.of(1.0, 3.0, 5.0), times, "initial delay 1 s, then every 2 s; nothing after dispose");
    }

    @Test
    void disposingAWorkerStopsEveryTaskNotYetStarted() {
        List<String> ran = new ArrayList<>();
        Scheduler.Worker w = scheduler.createWorker();
        w.schedule(() -> ran.add("immediate"));
        Disposable delayed = w.schedule(() -> ran.add("delayed"), 1, TimeUnit.HOURS);
        w.schedulePeriodically(() -> ran.add("periodic"), 1, 1, TimeUnit.MINUTES);
        w.dispose();
        assertTrue(w.isDisposed());
        assertTrue(delayed.isDisposed(), "the worker disposed its delayed task");
        runFor(Duration.ofHours(2));
        assertEquals(List.of(), ran);
        assertTrue(w.schedule(() -> ran.add("after dispose")).isDisposed(), "a disposed worker rejects new tasks");
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of(), ran);
    }

    @Test
    void aWorkerDisposedFromAnotherThreadRunsNoneOfItsQueuedTasks() throws Exception {
        try (LoopThread lt = new LoopThread()) {
            Scheduler s = CoRx.scheduler(lt.loop);
            CountDownLatch loopBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            s.scheduleDirect(() -> {
                loopBusy.countDown();
                try {
                    release.await(); // holds the loop, so that the worker's tasks stay queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(loopBusy.await(10, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            Scheduler.Worker w = s.createWorker();
            for (int i = 0; i < 1000; i++) {
                w.schedule(ran::incrementAndGet);
            }
            w.dispose(); // on this thread, while the loop thread holds the queued tasks
            release.countDown();
            CountDownLatch marker = new CountDownLatch(1);
            s.scheduleDirect(marker::countDown);
            assertTrue(marker.await(10, TimeUnit.SECONDS));
            assertEquals(0, ran.get(), "the loop thread saw the disposal: no queued task ran");
        }
    }

    @Test
    void disposingOneTaskStopsOnlyThatTask() {
        List<String> ran = new ArrayList<>();
        Scheduler.Worker w = scheduler.createWorker();
        w.schedule(() -> ran.add("a"));
        w.schedule(() -> ran.add("b")).dispose();
        w.schedule(() -> ran.add("c"), 1, TimeUnit.SECONDS);
        w.schedule(() -> ran.add("d"), 2, TimeUnit.SECONDS).dispose();
        w.schedule(() -> ran.add("e"), 3, TimeUnit.SECONDS);
        runFor(Duration.ofSeconds(5));
        assertEquals(List.of("a", "c", "e"), ran);
        assertFalse(w.isDisposed());
    }

    @Test
    void aTaskReportsDisposedOnceItRan() {
        Disposable d = scheduler.scheduleDirect(() -> {});
        assertFalse(d.isDisposed());
        runFor(Duration.ZERO);
        assertTrue(d.isDisposed());
    }

    @Test
    void aFailingTaskIsReportedToRxJavaPluginsAndTheLoopGoesOn() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<String> ran = new ArrayList<>();
        Scheduler.Worker w = scheduler.createWorker();
        w.schedule(() -> {
            throw boom;
        });
        w.schedule(() -> ran.add("next"));
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of(boom), undeliverable.errors());
        assertEquals(List.of("next"), ran, "the worker keeps running its later tasks");
    }

    @Test
    void schedulingOnAClosedLoopIsRejectedThroughRxJavaPlugins() {
        loop.close();
        Disposable d = scheduler.scheduleDirect(() -> {});
        assertTrue(d.isDisposed());
        Disposable later = scheduler.createWorker().schedule(() -> {}, 1, TimeUnit.SECONDS);
        assertTrue(later.isDisposed());
        assertEquals(2, undeliverable.errors().size());
        assertInstanceOf(EventLoopClosedError.class, undeliverable.errors().get(0));
        assertEquals("Event loop is closed", undeliverable.errors().get(0).getMessage());
    }

    @Test
    void theSchedulerDoesNotOwnTheLoop() {
        scheduler.shutdown();
        assertFalse(loop.isClosed());
        List<String> ran = new ArrayList<>();
        loop.callSoon(() -> ran.add("still running"));
        runFor(Duration.ZERO);
        assertEquals(List.of("still running"), ran);
    }
}
