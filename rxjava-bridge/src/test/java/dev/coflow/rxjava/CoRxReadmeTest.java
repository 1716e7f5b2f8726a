package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RxJava example of README.md, as written there. */
class CoRxReadmeTest {

    @Test
    void readmeExample() {
        try (EventLoop loop = EventLoop.create()) {

            Flowable<Integer> squares = CoRx.flowable(() -> Generator.of(y -> {
                for (int i = 1; ; i++) y.yield(i * i);      // runs only as far as requested; take() closes it
            }));

            Single<String> greeting = CoRx.single(loop, () -> Coroutine.of(() -> {
                await(sleep(Duration.ofMillis(10)));        // on the loop's thread; dispose() cancels it here
                return "hello";
            }));

            String both = loop.runUntilComplete(Coroutine.of(() -> {
                List<Integer> first = CoRx.await(squares.take(3).toList());            // [1, 4, 9]
                return CoRx.await(greeting.observeOn(CoRx.scheduler(loop))) + " " + first;
            }));                                                                        // "hello [1, 4, 9]"

            assertEquals("hello [1, 4, 9]", both);
        }
    }
}
