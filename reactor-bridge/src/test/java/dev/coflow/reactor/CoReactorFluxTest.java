package dev.coflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class CoReactorFluxTest {

    /** 0, 1, 2, ... forever; counts what the body produced and whether its finally ran. */
    private static final class Naturals {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicInteger finallies = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        Flux<Integer> flux() {
            return CoReactor.flux(() -> Generator.<Integer, Void, Void>of(y -> {
                try {
                    for (int i = 0; ; i++) {
                        produced.incrementAndGet();
                        y.yield(i);
                    }
                } finally {
                    finallies.incrementAndGet();
                    closed.countDown();
                }
            }));
        }

        /** The generator closes on the thread that ran the stream, maybe after the verifier returned. */
        void awaitClosed() throws InterruptedException {
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the generator was closed");
            assertEquals(1, finallies.get());
        }
    }

    private static Flux<Integer> range(int from, int to) {
        return CoReactor.flux(() -> Generator.<Integer, Void, Void>of(y -> {
            for (int i = from; i < to; i++) {
                y.yield(i);
            }
            return null;
        }));
    }

    @Test
    void takeCancelsAndClosesTheGenerator() throws InterruptedException {
        Naturals n = new Naturals();
        StepVerifier.create(n.flux().take(5))
                .expectNext(0, 1, 2, 3, 4)
                .verifyComplete();
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "the stream's thread closed the generator");
        assertEquals(1, n.finallies.get());
        assertEquals(5, n.produced.get(), "take(5) asks for 5, and the body made no more");
    }

    @Test
    void backpressureRunsTheBodyExactlyAsFarAsRequested() throws InterruptedException {
        Naturals n = new Naturals();
        StepVerifier.create(n.flux(), 0)
                .expectSubscription()
                .then(() -> assertEquals(0, n.produced.get(), "nothing runs before a request"))
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertEquals(3, n.produced.get()))
                .thenRequest(2)
                .expectNext(3, 4)
                .then(() -> assertEquals(5, n.produced.get()))
                .thenCancel()
                .verify();
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "the stream's thread closed the generator");
        assertEquals(1, n.finallies.get());
    }

    @Test
    void zipPairsTwoGeneratorFluxes() throws InterruptedException {
        Naturals a = new Naturals();
        StepVerifier.create(Flux.zip(a.flux(), range(10, 13), (x, y) -> x + ":" + y))
                .expectNext("0:10", "1:11", "2:12")
                .verifyComplete();
        assertTrue(a.closed.await(10, TimeUnit.SECONDS), "the stream's thread closed the generator");
        assertEquals(1, a.finallies.get());
    }

    @Test
    void limitRateRequestsInBatchesAndTheBodyFollows() throws InterruptedException {
        List<Long> requests = new CopyOnWriteArrayList<>();
        Naturals n = new Naturals();
        AtomicInteger maxAhead = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        StepVerifier.create(n.flux()
                        .doOnRequest(requests::add)
                        .limitRate(10)
                        .doOnNext(i -> maxAhead.accumulateAndGet(n.produced.get() - consumed.incrementAndGet(), Math::max))
                        .take(35, true))
                .expectNextCount(35)
                .verifyComplete();
        assertEquals(10L, requests.get(0));
        assertTrue(requests.stream().allMatch(r -> r <= 10), "upstream never asked for more than 10: " + requests);
        assertTrue(maxAhead.get() < 10, "the body ran at most one batch ahead: " + maxAhead.get());
        assertTrue(n.closed.await(10, TimeUnit.SECONDS), "the stream's thread closed the generator");
        assertEquals(1, n.finallies.get());
    }

    @Test
    void bufferGroupsItems() {
        StepVerifier.create(range(0, 7).buffer(3))
                .expectNext(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6))
                .verifyComplete();
    }

    @Test
    void concatMapRunsOneGeneratorFluxAfterAnother() {
        StepVerifier.create(range(1, 4).concatMap(i -> range(i * 10, i * 10 + i)))
                .expectNext(10, 20, 21, 30, 31, 32)
                .verifyComplete();
    }

    @Test
    void yieldFromDelegationInsideAFlux() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        java.util.concurrent.Semaphore subClosed = new java.util.concurrent.Semaphore(0);
        Flux<String> flux = CoReactor.flux(() -> Generator.<String, Void, Void>of(y -> {
            y.yield("start");
            Generator<String, Void, Integer> sub = Generator.of(s -> {
                try {
                    s.yield("sub-a");
                    s.yield("sub-b");
                    return 2;
                } finally {
                    log.add("sub finally");
                    subClosed.release();
                }
            });
            int count = y.yieldFrom(sub);
            y.yield("sub yielded " + count);
            y.yieldAll(List.of("x", "y"));
            return null;
        }));
        StepVerifier.create(flux)
                .expectNext("start", "sub-a", "sub-b", "sub yielded 2", "x", "y")
                .verifyComplete();
        assertEquals(List.of("sub finally"), log);

        log.clear();
        StepVerifier.create(flux.take(2))
                .expectNext("start", "sub-a")
                .verifyComplete();
        // the cancel closes the generator on the stream's own thread, maybe after the verifier returned
        assertTrue(subClosed.tryAcquire(2, 10, TimeUnit.SECONDS));
        assertEquals(List.of("sub finally"), log, "cancel closes the subgenerator it is delegating to");
    }

    @Test
    void theBodysExceptionIsOnErrorWithTheSameInstance() {
        IOException boom = new IOException("boom");
        StepVerifier.create(CoReactor.flux(() -> Generator.<Integer, Void, Void>of(y -> {
                    y.yield(1);
                    throw boom;
                })))
                .expectNext(1)
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify();
    }

    @Test
    void aGeneratorFluxCrossesThreadsWithPublishOn() throws InterruptedException {
        Naturals n = new Naturals();
        StepVerifier.create(n.flux().publishOn(Schedulers.parallel(), 4).take(100).reduce(0, Integer::sum))
                .expectNext(99 * 100 / 2)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        n.awaitClosed();
    }

    @Test
    void requestsFromAnotherSchedulerRunTheBodyThere() throws InterruptedException {
        Naturals n = new Naturals();
        StepVerifier.create(n.flux().subscribeOn(Schedulers.boundedElastic()).take(3))
                .expectNext(0, 1, 2)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        n.awaitClosed();
    }
}
