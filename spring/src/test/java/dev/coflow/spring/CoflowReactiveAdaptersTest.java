package dev.coflow.spring;

import static dev.coflow.aio.Aio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
import dev.coflow.reactor.CoReactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

@Timeout(60)
class CoflowReactiveAdaptersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopThread background = EventLoopThread.start("coflow-test-loop");
    private final ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();

    {
        CoflowReactiveAdapters.registerWith(registry, background::loop);
    }

    @AfterEach
    void closeLoop() {
        background.close();
    }

    private ReactiveAdapter adapter(Class<?> type) {
        ReactiveAdapter adapter = registry.getAdapter(type);
        assertNotNull(adapter, "an adapter is registered for " + type.getSimpleName());
        return adapter;
    }

    /** 0, 1, 2, ... forever; counts what the body produced and whether its finally ran. */
    private static final class Naturals {
        final AtomicInteger produced = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        Generator<Integer, Void, Void> generator() {
            return Generator.of(y -> {
                try {
                    for (int i = 0; ; i++) {
                        produced.incrementAndGet();
                        y.yield(i);
                    }
                } finally {
                    closed.countDown();
                }
            });
        }
    }

    // ---------------------------------------------------------------- Generator

    @Test
    void generatorIsAMultiValueDeferredType() {
        ReactiveAdapter adapter = adapter(Generator.class);
        assertTrue(adapter.isMultiValue());
        assertFalse(adapter.isNoValue());
        assertTrue(adapter.supportsEmpty());
        assertTrue(adapter.getDescriptor().isDeferred(), "nothing runs before a subscriber asks");
        Generator<?, ?, ?> empty = (Generator<?, ?, ?>) adapter.getDescriptor().getEmptyValue();
        StepVerifier.create(Flux.from(adapter.toPublisher(empty))).verifyComplete();
    }

    @Test
    void generatorStreamsAsFarAsRequestedAndCancelClosesIt() throws InterruptedException {
        Naturals n = new Naturals();
        Publisher<Integer> items = adapter(Generator.class).toPublisher(n.generator());
        StepVerifier.create(items, 0)
                .expectSubscription()
                .then(() -> assertEquals(0, n.produced.get(), "nothing runs before a request"))
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertEquals(3, n.produced.get(), "the body ran no further than the demand"))
                .thenCancel()
                .verify(TIMEOUT);
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "cancel closed the generator: its finally ran");
    }

    @Test
    void generatorErrorEndsTheStreamWithTheSameInstance() {
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Integer, Void, Void> failing = Generator.of(y -> {
            y.yield(1);
            throw boom;
        });
        StepVerifier.create(adapter(Generator.class).<Integer>toPublisher(failing))
                .expectNext(1)
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(TIMEOUT);
    }

    @Test
    void generatorObjectRunsOnceAsInPython() {
        Publisher<Integer> items = adapter(Generator.class).toPublisher(new Naturals().generator());
        StepVerifier.create(Flux.from(items).take(1)).expectNext(0).verifyComplete();
        StepVerifier.create(items)
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("a generator runs once"), e.getMessage());
                })
                .verify(TIMEOUT);
    }

    @Test
    void generatorFromPublisherIteratesItAndClosingCancelsIt() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<Integer> source = Flux.range(1, 1000).doOnCancel(() -> cancelled.set(true));
        @SuppressWarnings("unchecked")
        Generator<Integer, Void, Void> gen = (Generator<Integer, Void, Void>) adapter(Generator.class).fromPublisher(source);
        assertEquals(1, gen.next());
        assertEquals(2, gen.next());
        gen.close();
        assertTrue(cancelled.get(), "closing the generator cancelled its subscription");

        @SuppressWarnings("unchecked")
        Generator<String, Void, Void> all = (Generator<String, Void, Void>) adapter(Generator.class)
                .fromPublisher(Flux.just("a", "b"));
        List<String> seen = new ArrayList<>();
        all.forEach(seen::add);
        assertEquals(List.of("a", "b"), seen);
    }

    // ---------------------------------------------------------------- AsyncGenerator

    @Test
    void asyncGeneratorIsAMultiValueDeferredType() {
        ReactiveAdapter adapter = adapter(AsyncGenerator.class);
        assertTrue(adapter.isMultiValue());
        assertTrue(adapter.getDescriptor().isDeferred());
        AsyncGenerator<?> empty = (AsyncGenerator<?>) adapter.getDescriptor().getEmptyValue();
        StepVerifier.create(Flux.from(adapter.toPublisher(empty))).verifyComplete();
    }

    @Test
    void asyncGeneratorAwaitsBetweenYieldsOnTheLoopAndRunsNoFurtherThanRequested() {
        AtomicInteger produced = new AtomicInteger();
        List<EventLoop> ranOn = new ArrayList<>();
        AsyncGenerator<Integer> ticker = AsyncGenerator.of(y -> {
            for (int i = 0; ; i++) {
                await(Aio.sleep(Duration.ofMillis(1)));
                ranOn.add(Aio.getRunningLoop());
                produced.incrementAndGet();
                y.yield(i);
            }
        });
        StepVerifier.create(adapter(AsyncGenerator.class).<Integer>toPublisher(ticker), 0)
                .expectSubscription()
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertEquals(3, produced.get(), "the body ran no further than the demand"))
                .thenCancel()
                .verify(TIMEOUT);
        assertTrue(ranOn.stream().allMatch(l -> l == background.loop()), "its body ran on the event loop");
    }

    @Test
    void cancellingAnAsyncGeneratorRunsItsFinally() throws InterruptedException {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        AsyncGenerator<Integer> forever = AsyncGenerator.of(y -> {
            try {
                y.yield(0);
                await(Aio.getRunningLoop().createFuture());
            } finally {
                cleanedUp.countDown();
            }
        });
        StepVerifier.create(adapter(AsyncGenerator.class).<Integer>toPublisher(forever))
                .expectNext(0)
                .thenCancel()
                .verify(TIMEOUT);
        assertTrue(cleanedUp.await(10, TimeUnit.SECONDS), "CancelledError at its await ran its finally");
    }

    @Test
    void asyncGeneratorFromPublisherIteratesIt() {
        AsyncGenerator<?> agen = (AsyncGenerator<?>) adapter(AsyncGenerator.class).fromPublisher(Flux.range(1, 3));
        List<Object> seen = background.loop().submit(Coroutine.of(() -> {
            List<Object> items = new ArrayList<>();
            Aio.forEach(agen, items::add);
            return items;
        })).join();
        assertEquals(List.of(1, 2, 3), seen);
    }

    // ---------------------------------------------------------------- Coroutine

    @Test
    void coroutineIsASingleOptionalValueDeferredType() {
        ReactiveAdapter adapter = adapter(Coroutine.class);
        assertFalse(adapter.isMultiValue());
        assertFalse(adapter.isNoValue());
        assertTrue(adapter.supportsEmpty());
        assertTrue(adapter.getDescriptor().isDeferred());
    }

    @Test
    void coroutineRunsAsATaskOnTheLoopWhenSubscribed() {
        AtomicReference<EventLoop> ranOn = new AtomicReference<>();
        Coroutine<String> hello = Coroutine.of(() -> {
            ranOn.set(Aio.getRunningLoop());
            await(Aio.sleep(Duration.ofMillis(1)));
            return "Hello";
        });
        Publisher<String> result = adapter(Coroutine.class).toPublisher(hello);
        assertEquals(null, ranOn.get(), "lazy: nothing runs before the subscription");
        StepVerifier.create(result).expectNext("Hello").verifyComplete();
        assertSame(background.loop(), ranOn.get());
    }

    @Test
    void coroutineReturningNullCompletesEmptyAndItsExceptionIsTheError() {
        StepVerifier.create(adapter(Coroutine.class).toPublisher(Coroutine.of(() -> null))).verifyComplete();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Coroutine<String> failing = Coroutine.of(() -> {
            await(Aio.sleep(Duration.ZERO));
            throw boom;
        });
        StepVerifier.create(adapter(Coroutine.class).toPublisher(failing))
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(TIMEOUT);
    }

    @Test
    void cancellingTheSubscriptionCancelsTheTaskAndItsFinallyRuns() throws InterruptedException {
        CountDownLatch awaiting = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        AtomicReference<Throwable> raised = new AtomicReference<>();
        Coroutine<String> forever = Coroutine.of(() -> {
            try {
                awaiting.countDown();
                return await(Aio.getRunningLoop().<String>createFuture());
            } catch (CancelledError e) {
                raised.set(e);
                throw e;
            } finally {
                cleanedUp.countDown();
            }
        });
        StepVerifier.create(adapter(Coroutine.class).toPublisher(forever))
                .expectSubscription()
                .then(() -> assertTrue(opened(awaiting), "the coroutine started"))
                .thenCancel()
                .verify(TIMEOUT);
        assertTrue(cleanedUp.await(10, TimeUnit.SECONDS), "the coroutine's finally ran");
        assertInstanceOf(CancelledError.class, raised.get(), "CancelledError was raised at its await");
    }

    /**
     * A client that hangs up before the loop made the task: the coroutine it was handed is closed
     * unstarted, not left to be reported as never awaited; one cancelled after the task began runs its
     * cleanup as a cancelled task.
     */
    @Test
    void cancellingBeforeTheTaskBeganClosesTheCoroutineUnstarted() throws Exception {
        CountDownLatch loopHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        background.loop().callSoonThreadsafe(() -> {
            loopHeld.countDown();
            awaitQuietly(release); // the loop makes no task until the subscriber has gone
        });
        assertTrue(opened(loopHeld));
        AtomicInteger ran = new AtomicInteger();
        Coroutine<String> hello = Coroutine.of("hello", () -> {
            ran.incrementAndGet();
            return "hi";
        });
        Mono.from(adapter(Coroutine.class).toPublisher(hello)).subscribe().dispose();
        release.countDown();

        GeneratorState state = background.loop().submit(Coroutine.of(() -> hello.state())).get(10, TimeUnit.SECONDS);
        assertEquals(GeneratorState.CLOSED, state, "closed without running, as coro.close() of an unstarted one");
        assertEquals(0, ran.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void coroutineReadsTheSubscribersReactorContextAndRunsOnce() {
        Coroutine<String> who = Coroutine.of(() -> CoReactor.context().get("user"));
        Publisher<String> result = adapter(Coroutine.class).toPublisher(who);
        StepVerifier.create(Mono.from(result).contextWrite(Context.of("user", "ann")))
                .expectNext("ann")
                .verifyComplete();
        StepVerifier.create(result)
                .expectErrorSatisfies(e -> assertEquals("cannot reuse already awaited coroutine", e.getMessage()))
                .verify(TIMEOUT);
    }

    @Test
    void coroutineFromPublisherAwaitsIt() {
        Coroutine<?> coro = (Coroutine<?>) adapter(Coroutine.class).fromPublisher(Mono.just(42));
        assertEquals(42, background.loop().submit(coro).join());
    }

    // ---------------------------------------------------------------- Task and Future

    /** A task created on the background loop, running {@code coro}. */
    private <T> Task<T> taskOf(Coroutine<T> coro) {
        return background.loop().submit(Coroutine.of(() -> Aio.createTask(coro))).join();
    }

    @Test
    void taskIsFoundThroughFutureAsARunningSingleValue() {
        ReactiveAdapter adapter = adapter(Task.class);
        assertSame(adapter, adapter(Future.class));
        assertFalse(adapter.isMultiValue());
        assertTrue(adapter.supportsEmpty());
        assertFalse(adapter.getDescriptor().isDeferred(), "a task runs whether or not anyone subscribes");
        Future<?> empty = (Future<?>) adapter.getDescriptor().getEmptyValue();
        assertTrue(empty.done());
        assertEquals(null, empty.result());
    }

    @Test
    void taskResultIsTheValue() {
        Task<String> task = taskOf(Coroutine.of(() -> {
            await(Aio.sleep(Duration.ofMillis(1)));
            return "done";
        }));
        StepVerifier.create(adapter(Task.class).<String>toPublisher(task)).expectNext("done").verifyComplete();
    }

    @Test
    void cancellingTheSubscriptionDetachesAndTheSharedTaskRunsOn() {
        Task<String> task = taskOf(Coroutine.of(() -> {
            await(Aio.sleep(Duration.ofMillis(50)));
            return "for everyone";
        }));
        ReactiveAdapter adapter = adapter(Task.class);
        StepVerifier.create(adapter.toPublisher(task)).expectSubscription().thenCancel().verify(TIMEOUT);
        StepVerifier.create(adapter.<String>toPublisher(task)).expectNext("for everyone").verifyComplete();
        assertFalse(background.loop().submit(Coroutine.of(task::cancelled)).join(), "the task was not cancelled");
    }

    @Test
    void taskFromPublisherIsATaskOnTheRunningLoop() {
        ReactiveAdapter adapter = adapter(Task.class);
        Integer answer = background.loop().submit(Coroutine.of(() -> {
            Future<?> f = (Future<?>) adapter.fromPublisher(Mono.just(7));
            assertInstanceOf(Task.class, f);
            return (Integer) await(f);
        })).join();
        assertEquals(7, answer);
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> adapter.fromPublisher(Mono.just(7)));
        assertEquals("no running event loop", outside.getMessage());
    }

    private static boolean opened(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
