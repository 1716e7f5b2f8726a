package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Future;
import dev.coflow.aio.PublisherIterator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

class CoReactorMonoTest {

    private final LoopThread running = new LoopThread();
    private final EventLoop loop = running.loop;

    @AfterEach
    void stopLoop() throws InterruptedException {
        running.close();
    }

    @Test
    void subscribingRunsTheCoroutineAsATaskOnTheLoop() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Mono<String> mono = CoReactor.mono(loop, () -> Coroutine.of(() -> {
            ranOn.set(Thread.currentThread());
            await(sleep(Duration.ofMillis(1)));
            return "result";
        }));
        assertNull(ranOn.get(), "cold: nothing runs before subscribe");
        StepVerifier.create(mono).expectNext("result").expectComplete().verify(Duration.ofSeconds(10));
        assertTrue(ranOn.get() == running.thread || ranOn.get().isVirtual(),
                "ran on the loop's thread (or, on the virtual-thread engine, its body's thread)");
        StepVerifier.create(mono).expectNext("result").expectComplete().verify(Duration.ofSeconds(10));
    }

    @Test
    void aNullResultIsAnEmptyMonoAndAnExceptionIsOnErrorWithTheSameInstance() {
        StepVerifier.create(CoReactor.<Void>mono(loop, () -> Coroutine.of(() -> null)))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        IOException boom = new IOException("boom");
        StepVerifier.create(CoReactor.<String>mono(loop, () -> Coroutine.of(() -> {
                    await(sleep(Duration.ofMillis(1)));
                    throw boom;
                })))
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void timeoutCancelsTheCoroutineAtItsAwaitAndItsFinallyRuns() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        StepVerifier.withVirtualTime(() -> CoReactor.<String>mono(loop, () -> Coroutine.of(() -> {
                    Future<String> never = Aio.getRunningLoop().createFuture();
                    started.countDown();
                    try {
                        return await(never);
                    } catch (CancelledError e) {
                        log.add("cancelled at await");
                        throw e;
                    } finally {
                        log.add("finally");
                        closed.countDown();
                    }
                })).timeout(Duration.ofSeconds(30)))
                .expectSubscription()
                // a task cancelled before its first step never runs its body, as in Python
                .then(() -> assertTrue(awaitQuietly(started)))
                .thenAwait(Duration.ofSeconds(30))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(10));
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("cancelled at await", "finally"), log);
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void theReactorContextIsReadableInsideTheCoroutineAfterEveryAwait() {
        Mono<String> mono = CoReactor.mono(loop, () -> Coroutine.of(() -> {
            String before = CoReactor.context().get("user");
            await(sleep(Duration.ofMillis(1)));
            String after = CoReactor.context().get("user");
            String inChild = await(Aio.createTask(Coroutine.of(() -> CoReactor.context().<String>get("user"))));
            return before + "/" + after + "/" + inChild;
        }));
        StepVerifier.create(mono.contextWrite(Context.of("user", "ann")))
                .expectNext("ann/ann/ann")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertTrue(CoReactor.context().isEmpty(), "outside a coroutine started by mono the context is empty");
    }

    @Test
    void withoutALoopArgumentTheSubscribersLoopIsUsedInsideACoroutine() {
        EventLoop virtual = EventLoop.createVirtualTime();
        String got = virtual.runUntilComplete(Coroutine.of(() -> await(CoReactor.mono(() -> Coroutine.of(() -> {
            await(sleep(Duration.ofHours(1))); // virtual time: at once
            return "on " + (Aio.getRunningLoop() == virtual ? "the same loop" : "another loop");
        })))));
        assertEquals("on the same loop", got);
        assertEquals(3600.0, virtual.time(), 1e-6);
        virtual.close();
        StepVerifier.create(CoReactor.mono(() -> Coroutine.of(() -> "default loop")))
                .expectNext("default loop")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @SuppressWarnings("VoidUsed") // what awaiting a Mono<Void> gives, null, is part of what the test checks
    void awaitingMonosInsideACoroutineIncludingMonoVoid() {
        EventLoop virtual = EventLoop.createVirtualTime();
        List<Object> got = virtual.runUntilComplete(Coroutine.of(() -> {
            Integer five = await(Mono.just(5));
            Void nothing = await(Mono.<Void>empty());
            String late = await(Mono.fromCallable(() -> "from another thread")
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()));
            Future<Integer> a = Aio.ensureFuture(Mono.just(1));
            Future<Integer> b = Aio.ensureFuture(CoReactor.mono(() -> Coroutine.of(() -> 2)));
            return java.util.Arrays.asList(five, nothing, late, await(a) + await(b));
        }));
        assertEquals(java.util.Arrays.asList(5, null, "from another thread", 3), got);
        virtual.close();
    }

    @Test
    void gatherOfMonosInsideACoroutineRunsThemConcurrently() {
        EventLoop virtual = EventLoop.createVirtualTime();
        List<String> got = virtual.runUntilComplete(Coroutine.of(() -> await(Aio.<String>gather(
                CoReactor.mono(() -> Coroutine.of(() -> {
                    await(sleep(Duration.ofSeconds(2)));
                    return "slow at " + Aio.getRunningLoop().time();
                })),
                CoReactor.mono(() -> Coroutine.of(() -> {
                    await(sleep(Duration.ofSeconds(1)));
                    return "fast at " + Aio.getRunningLoop().time();
                })),
                Mono.just("plain mono")))));
        assertEquals(List.of("slow at 2.0", "fast at 1.0", "plain mono"), got, "results in argument order");
        assertEquals(2.0, virtual.time(), 1e-9, "both ran at once: 2 s in all, not 3");
        virtual.close();
    }

    @Test
    void iteratingAFluxInsideACoroutineWithBoundedPrefetch() {
        EventLoop virtual = EventLoop.createVirtualTime();
        List<Long> requests = new CopyOnWriteArrayList<>();
        int sum = virtual.runUntilComplete(Coroutine.of(() -> {
            int total = 0;
            try (PublisherIterator<Integer> items = Aio.iterate(Flux.range(1, 100).doOnRequest(requests::add))) {
                for (int i : items) {
                    total += i;
                }
            }
            return total;
        }));
        assertEquals(5050, sum);
        assertTrue(requests.stream().allMatch(r -> r <= PublisherIterator.DEFAULT_PREFETCH), requests.toString());
        virtual.close();
    }

    @Test
    void cancellingTheSubscriptionOfAnAwaitingCoroutineCancelsItsTask() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        reactor.core.Disposable d = CoReactor.mono(loop, () -> Coroutine.of(() -> {
            try {
                await(sleep(Duration.ofHours(1)));
                return "not reached";
            } catch (CancelledError e) {
                cancelled.countDown();
                throw e;
            }
        })).subscribe();
        loop.submit(Coroutine.of(() -> null)).join(); // the task has started by now
        d.dispose();
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aTaskIsAPublisherSoMonoFromTakesItAsIs() {
        EventLoop virtual = EventLoop.createVirtualTime();
        dev.coflow.aio.Task<String> task = virtual.createTask(Coroutine.of(() -> {
            await(sleep(Duration.ofMinutes(1)));
            return "task result";
        }));
        String got = virtual.runUntilComplete(Coroutine.of(() -> await(Mono.from(task).map(String::toUpperCase))));
        assertEquals("TASK RESULT", got);
        virtual.close();
    }

    @Test
    void aCancelledTaskIsOnErrorCancelledError() {
        StepVerifier.create(CoReactor.<String>mono(loop, () -> Coroutine.of(() -> {
                    Aio.currentTask().cancel("self");
                    await(sleep(Duration.ofSeconds(1)));
                    return "not reached";
                })))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(CancelledError.class, e);
                    assertEquals("self", e.getMessage());
                })
                .verify(Duration.ofSeconds(10));
    }

    @SuppressWarnings("InfiniteRecursion") // on purpose: the StackOverflowError is what the test raises
    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    /** Python's {@code async def f(n): return 0 if n == 0 else await f(n - 1) + 1}. */
    private static Coroutine<Integer> chain(int n) {
        return Coroutine.of(() -> n == 0 ? 0 : await(chain(n - 1)) + 1);
    }

    @Test
    void aMonoWhoseCoroutineOverflowsFailsAloneOnTheSharedLoopAndLaterMonosStillWork() {
        StepVerifier.create(CoReactor.mono(() -> Coroutine.of(() -> recurse(0))))
                .expectError(StackOverflowError.class)
                .verify(Duration.ofSeconds(60));
        StepVerifier.create(CoReactor.mono(() -> chain(30_000)))
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().startsWith("maximum recursion depth exceeded"),
                        e.getMessage()))
                .verify(Duration.ofSeconds(60));
        StepVerifier.create(CoReactor.mono(() -> Coroutine.of(() -> {
                    await(sleep(Duration.ofMillis(1)));
                    return "later";
                })))
                .expectNext("later")
                .verifyComplete();
    }

    @Test
    void aClosedLoopAndAReusedCoroutineAreDifferentErrors() {
        Coroutine<Integer> once = Coroutine.of(() -> 1);
        Mono<Integer> reusing = CoReactor.mono(loop, () -> once);
        StepVerifier.create(reusing).expectNext(1).verifyComplete();
        StepVerifier.create(reusing)
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertFalse(e instanceof EventLoopClosedError);
                    assertEquals("cannot reuse already awaited coroutine", e.getMessage());
                })
                .verify(Duration.ofSeconds(10));
        EventLoop closed = EventLoop.createVirtualTime();
        closed.close();
        StepVerifier.create(CoReactor.mono(closed, () -> Coroutine.of(() -> 1)))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(EventLoopClosedError.class, e);
                    assertEquals("Event loop is closed", e.getMessage());
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void afterTheSharedLoopIsShutDownTheNextMonoRunsOnAFreshOne() {
        Mono<EventLoop> where = CoReactor.mono(() -> Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(1)));
            return Aio.getRunningLoop();
        }));
        EventLoop first = where.block(Duration.ofSeconds(60));
        assertSame(BackgroundLoop.shared(), first);

        BackgroundLoop.shutdown();

        assertTrue(first.isClosed());
        EventLoop second = where.block(Duration.ofSeconds(60));
        assertNotSame(first, second);
        assertSame(BackgroundLoop.shared(), second);
    }
}
