package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** {@link CoReactor#eventLoop(Scheduler)}: an event loop whose turns run on a Reactor scheduler. */
class CoReactorEventLoopTest {

    private final Scheduler single = Schedulers.newSingle("x");
    /** The name of the single thread of {@link #single} (Reactor numbers it: "x-N"). */
    private final String x = Mono.fromCallable(() -> Thread.currentThread().getName()).subscribeOn(single).block();

    @AfterEach
    void disposeScheduler() {
        single.dispose();
    }

    /** The thread the loop's turns run on, seen from a callback (coroutine bodies may have their own). */
    private static String turnThread() {
        Future<String> name = Aio.getRunningLoop().createFuture();
        Aio.getRunningLoop().callSoon(() -> name.setResult(Thread.currentThread().getName()));
        return await(name);
    }

    /** A Mono that completes on another scheduler's thread. */
    private static Mono<String> elsewhere(String value) {
        return Mono.fromCallable(() -> value + " from " + Thread.currentThread().getName())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Test
    void aCoroutineStartedByMonoRunsItsTurnsOnTheSchedulerThreadAcrossAwaits() {
        EventLoop loop = CoReactor.eventLoop(single);
        List<String> threads = new CopyOnWriteArrayList<>();
        StepVerifier.create(CoReactor.mono(loop, () -> Coroutine.of(() -> {
                    threads.add(turnThread());
                    String v = await(elsewhere("v"));
                    threads.add(turnThread());
                    await(sleep(Duration.ofMillis(1)));
                    threads.add(turnThread());
                    return v;
                })))
                .assertNext(v -> assertTrue(v.startsWith("v from boundedElastic"), v))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertTrue(x.startsWith("x-"), x);
        assertEquals(List.of(x, x, x), threads);
        loop.close();
    }

    @Test
    void aCoroutineBodyRunsOnACoflowThreadWhileTheTurnThreadWaitsOnBothEngines() {
        // A driven turn runs inside its driver's code, which may hold monitors: the continuation engine
        // then runs each step on a platform carrier, the virtual-thread engine on the body's own thread.
        EventLoop loop = CoReactor.eventLoop(single);
        List<String> threads = new CopyOnWriteArrayList<>();
        StepVerifier.create(CoReactor.mono(loop, () -> Coroutine.of(() -> {
                    threads.add(Thread.currentThread().getName());
                    String v = await(elsewhere("v"));
                    threads.add(Thread.currentThread().getName());
                    return v;
                })))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertEquals(2, threads.size());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("coflow-carrier-") || t.equals("coflow-fiber")),
                threads.toString());
        loop.close();
    }

    @Test
    void anHourLongSleepEndsWhenVirtualTimeAdvancesAnHour() {
        EventLoop[] loop = new EventLoop[1];
        StepVerifier.withVirtualTime(() -> {
                    loop[0] = CoReactor.eventLoop(VirtualTimeScheduler.get());
                    return CoReactor.mono(loop[0], () -> Coroutine.of(() -> {
                        await(sleep(Duration.ofHours(1)));
                        return "woke at " + Aio.getRunningLoop().time();
                    }));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(59))
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(v -> assertTrue(v.startsWith("woke at 3600"), v))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        loop[0].close();
    }

    @Test
    void closingTheLoopDisposesTheWorkerAndLaterMonosFail() {
        EventLoop loop = CoReactor.eventLoop(single);
        loop.close();
        StepVerifier.create(CoReactor.mono(loop, () -> Coroutine.of(() -> 1)))
                .expectErrorMessage("Event loop is closed")
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void eventLoopRejectsANullScheduler() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> CoReactor.eventLoop(null));
        assertTrue(e.getMessage().contains("scheduler"), e.getMessage());
    }
}
