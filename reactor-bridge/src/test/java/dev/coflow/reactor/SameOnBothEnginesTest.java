package dev.coflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Aio;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Scenarios whose side effects Python defines, asserted exactly: the suite runs once per engine, so
 * each engine must produce the same order and the same counts (issue 12).
 */
class SameOnBothEnginesTest {

    private static Generator<Integer, Void, Void> logging(List<String> log, int count) {
        return Generator.of(y -> {
            for (int i = 1; i <= count; i++) {
                log.add("P" + i);
                y.yield(i);
            }
            return null;
        });
    }

    @Test
    void producerAndConsumerInterleaveAsInAPythonForLoop() throws InterruptedException {
        // for x in gen(): print("C", x)   ->   P1 C1 P2 C2 P3 C3 P4 C4
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        CoReactor.flux(() -> logging(log, 4)).subscribe(i -> log.add("C" + i), e -> done.countDown(), done::countDown);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("P1", "C1", "P2", "C2", "P3", "C3", "P4", "C4"), log);
    }

    @Test
    void limitRateThenTakeProducesExactlyWhatIsTaken() {
        AtomicInteger produced = new AtomicInteger();
        StepVerifier.create(CoReactor.flux(() -> Generator.<Integer, Void, Void>of(y -> {
                    for (int i = 0; ; i++) {
                        produced.incrementAndGet();
                        y.yield(i);
                    }
                })).limitRate(2).take(5))
                .expectNext(0, 1, 2, 3, 4)
                .verifyComplete();
        assertEquals(5, produced.get());
    }

    @Test
    void requestOneFromOnNextRunsTheBodyOneItemAtATime() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(CoReactor.flux(() -> logging(log, 3)).doOnNext(i -> log.add("C" + i)), 1)
                .expectNext(1)
                .thenRequest(1)
                .expectNext(2)
                .thenRequest(1)
                .expectNext(3)
                .thenRequest(1)
                .verifyComplete();
        assertEquals(List.of("P1", "C1", "P2", "C2", "P3", "C3"), log);
    }

    @Test
    void anAsyncGeneratorInterleavesWithItsConsumerToo() {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.createVirtualTime();
        List<Integer> got = new ArrayList<>();
        try {
            loop.runUntilComplete(dev.coflow.aio.Coroutine.of(() -> {
                AsyncGenerator<Integer> agen = AsyncGenerator.of(y -> {
                    for (int i = 1; i <= 3; i++) {
                        log.add("P" + i);
                        Aio.await(Aio.sleep(Duration.ofSeconds(1)));
                        y.yield(i);
                    }
                });
                Aio.forEach(agen, i -> {
                    log.add("C" + i);
                    got.add(i);
                });
                return null;
            }));
        } finally {
            loop.close();
        }
        assertEquals(List.of(1, 2, 3), got);
        assertEquals(List.of("P1", "C1", "P2", "C2", "P3", "C3"), log);
    }
}
