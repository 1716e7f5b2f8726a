package dev.coflow.rxjava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coflow.gen.Generator;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An error no subscriber can receive any more goes to RxJavaPlugins.onError, as RxJava's own do. */
class CoRxUndeliverableTest {

    private RxPluginsErrors undeliverable;

    @BeforeEach
    void captureRxErrors() {
        undeliverable = new RxPluginsErrors();
    }

    @AfterEach
    void resetRxPlugins() {
        undeliverable.reset();
    }

    @Test
    @SuppressWarnings("finally") // the body raises in its finally, the failure under test
    void aFinallyThatFailsAfterCancelReachesRxJavaPlugins() {
        IllegalStateException cleanupFailure = new IllegalStateException("cleanup failed");

        TestSubscriber<Integer> ts = CoRx.<Integer>flowable(() -> Generator.of(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                throw cleanupFailure;
            }
        })).take(2).test();

        ts.awaitDone(10, java.util.concurrent.TimeUnit.SECONDS).assertValues(0, 1).assertComplete();
        assertEquals(List.of(cleanupFailure), undeliverable.awaitErrors(1));
    }
}
