package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.PublisherIterator;
import dev.coflow.gen.Generator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** The Reactor example of README.md, as written there. */
class CoReactorReadmeTest {

    @Test
    void readmeExample() {
        try (EventLoop loop = EventLoop.create()) {

            Flux<Integer> squares = CoReactor.flux(() -> Generator.of(y -> {
                for (int i = 1; ; i++) y.yield(i * i);      // runs only as far as requested; take() closes it
            }));

            Mono<String> greeting = CoReactor.mono(loop, () -> Coroutine.of(() -> {
                await(sleep(Duration.ofMillis(10)));        // on the loop; a timeout or cancel raises CancelledError here
                return "hello " + CoReactor.context().get("user");
            }));

            String both = loop.runUntilComplete(Coroutine.of(() -> {
                int sum = 0;
                try (PublisherIterator<Integer> items = Aio.iterate(squares.take(3))) {
                    for (int i : items) sum += i;                                       // async for: 1 + 4 + 9
                }
                String hello = await(greeting.contextWrite(Context.of("user", "ann"))
                                             .publishOn(CoReactor.scheduler(loop)));   // "hello ann"
                return hello + " " + sum;
            }));                                                                        // "hello ann 14"

            assertEquals("hello ann 14", both);
        }
    }
}
