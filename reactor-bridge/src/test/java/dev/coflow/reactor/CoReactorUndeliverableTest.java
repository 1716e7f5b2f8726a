package dev.coflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.Generator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.test.StepVerifier;

/** An error no subscriber can receive any more goes to Reactor's onErrorDropped hook. */
class CoReactorUndeliverableTest {

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    @SuppressWarnings("finally") // the body raises in its finally, the failure under test
    void aFinallyThatFailsAfterCancelIsDroppedTheReactorWay() throws InterruptedException {
        List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        Hooks.onErrorDropped(e -> {
            dropped.add(e);
            reported.countDown();
        });
        IllegalStateException cleanupFailure = new IllegalStateException("cleanup failed");

        StepVerifier.create(CoReactor.<Integer>flux(() -> Generator.of(y -> {
                    try {
                        for (int i = 0; ; i++) {
                            y.yield(i);
                        }
                    } finally {
                        throw cleanupFailure;
                    }
                })).take(2))
                .expectNext(0, 1)
                .verifyComplete();

        // the cancel closes the generator on the stream's own thread, maybe after the verifier returned
        assertTrue(reported.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, dropped.size(), () -> "dropped: " + dropped);
        assertSame(cleanupFailure, dropped.get(0));
    }
}
