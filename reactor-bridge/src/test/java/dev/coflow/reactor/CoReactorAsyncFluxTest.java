package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

class CoReactorAsyncFluxTest {

    private final LoopThread running = new LoopThread();
    private final EventLoop loop = running.loop;
    private final AtomicInteger produced = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @AfterEach
    void stopLoop() throws InterruptedException {
        running.close();
    }

    /** Ticks every millisecond, forever; counts what it produced and logs how it ended. */
    private Flux<Integer> ticks() {
        return CoReactor.flux(loop, () -> AsyncGenerator.<Integer>of(y -> {
            try {
                for (int i = 0; ; i++) {
                    await(sleep(Duration.ofMillis(1)));
                    produced.incrementAndGet();
                    y.yield(i);
                }
            } finally {
                log.add("finally for user " + CoReactor.context().getOrDefault("user", "?"));
                closed.countDown();
            }
        }));
    }

    @Test
    void backpressureRunsTheBodyExactlyAsFarAsRequested() throws InterruptedException {
        StepVerifier.create(ticks(), 0)
                .expectSubscription()
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertEquals(3, produced.get()))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertTrue(closed.await(10, TimeUnit.SECONDS), "cancel closed the async generator");
        assertEquals(3, produced.get());
    }

    @Test
    void takeClosesTheAsyncGeneratorAndTheBodySeesTheReactorContext() throws InterruptedException {
        StepVerifier.create(ticks().take(4).contextWrite(Context.of("user", "ann")))
                .expectNext(0, 1, 2, 3)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("finally for user ann"), log);
    }

    @Test
    void anAsyncGeneratorObjectStreamsOnTheSubscribersLoop() {
        EventLoop virtual = EventLoop.createVirtualTime();
        List<Integer> got = virtual.runUntilComplete(Coroutine.of(() -> await(CoReactor.flux(
                AsyncGenerator.<Integer>of(y -> {
                    for (int i = 0; i < 3; i++) {
                        await(sleep(Duration.ofHours(1)));
                        y.yield(i);
                    }
                })).collectList())));
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(3 * 3600.0, virtual.time(), 1e-6, "it ran on the subscriber's virtual-time loop");
        virtual.close();
    }

    @Test
    void zipOfAnAsyncGeneratorFluxWithAGeneratorFlux() {
        StepVerifier.create(Flux.zip(ticks(), CoReactor.flux(() -> dev.coflow.gen.Generator.<String, Void, Void>of(y -> {
                    y.yield("a");
                    y.yield("b");
                    return null;
                })), (i, s) -> s + i))
                .expectNext("a0", "b1")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
