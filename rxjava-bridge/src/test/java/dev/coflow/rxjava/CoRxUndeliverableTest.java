package dev.coflow.rxjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.coflow.gen.Generator;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An error no subscriber can receive any more goes to RxJavaPlugins.onError, as RxJava's own do. */
class CoRxUndeliverableTest {

    @AfterEach
    void resetPlugins() {
        RxJavaPlugins.reset();
    }

    @Test
    void aFinallyThatFailsAfterCancelReachesRxJavaPlugins() {
        List<Throwable> dropped = new ArrayList<>();
        RxJavaPlugins.setErrorHandler(dropped::add);
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

        ts.assertValues(0, 1).assertComplete();
        assertEquals(1, dropped.size(), () -> "dropped: " + dropped);
        assertSame(cleanupFailure, dropped.get(0));
    }
}
