package dev.coflow.examples.web;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;

import dev.coflow.aio.Coroutine;
import dev.coflow.examples.web.StubController.Price;
import dev.coflow.examples.web.StubController.Rating;
import dev.coflow.examples.web.StubController.Stock;
import dev.coflow.reactor.CoReactor;
import dev.coflow.spring.EventLoopThread;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Timed;
import reactor.core.scheduler.Schedulers;

/**
 * A handler written as a coroutine: it calls three downstream services (the {@link StubController}
 * endpoints of this same application, through {@link WebClient}) concurrently with {@code gather}, and
 * combines their answers; and a coroutine returned as it is.
 *
 * <p>Python counterpart:
 * <pre>
 * async def quote(item):
 *     price, stock, rating = await asyncio.gather(
 *         client.get(f"/stub/price?item={item}"), client.get(...), client.get(...))
 *     return Quote(...)
 * </pre>
 *
 * <p>Thread-safety: a stateless Spring bean; the coroutines run on {@code coflow-spring}'s event loop.
 *
 * <pre>{@code
 * curl -s 'localhost:8080/quote?item=tea'
 * {"item":"tea","price":4.2,"units":17,"stars":3,"concurrentCalls":3,"calls":[{"path":"/stub/price","startMillis":1,"endMillis":212},...]}
 * }</pre>
 */
@RestController
public class QuoteController {

    private final EventLoopThread loop;
    private final Environment environment;
    private final WebClient client = WebClient.create();

    /**
     * Creates the controller; Spring calls it.
     *
     * @param loop the event loop that runs the application's coroutines
     * @param environment where the server's port is found once it listens ({@code local.server.port})
     */
    public QuoteController(EventLoopThread loop, Environment environment) {
        this.loop = loop;
        this.environment = environment;
    }

    /**
     * A quote: what the three stubs said, the most stub calls that were in flight together (3 when
     * the calls run concurrently, 1 if they ran one after the other), and when each call ran.
     *
     * @param item the item quoted
     * @param price its price
     * @param units its stock
     * @param stars its rating
     * @param concurrentCalls the most stub calls in flight together
     * @param calls the three calls on the quote's timeline, in the order they were gathered
     */
    public record Quote(String item, double price, int units, int stars, int concurrentCalls, List<Call> calls) {}

    /**
     * One stub call on a quote's timeline (what the live page draws), in milliseconds since the quote's
     * coroutine started gathering.
     *
     * @param path the stub called
     * @param startMillis when the call was subscribed to (its request went out)
     * @param endMillis when its answer arrived
     */
    public record Call(String path, long startMillis, long endMillis) {}

    /**
     * {@code GET /quote?item=I}: a {@link Mono} made by {@link CoReactor#mono} from a coroutine that
     * gathers the three stub calls; cancelling the request cancels the coroutine and, through
     * {@code gather}, the three calls.
     *
     * @param item the item to quote
     * @return the quote, once all three calls answered
     */
    @GetMapping("/quote")
    public Mono<Quote> quote(@RequestParam String item) {
        return CoReactor.mono(loop.loop(), () -> Coroutine.of("quote", () -> {
            // Timed: each answer comes with when it arrived and how long after its subscription, on the
            // clock Reactor stamps with, read here too.
            Instant begun = Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            List<Timed<?>> answers = await(gather(
                    call("/stub/price", item, Price.class).timed(),
                    call("/stub/stock", item, Stock.class).timed(),
                    call("/stub/rating", item, Rating.class).timed()));
            Price price = (Price) answers.get(0).get();
            Stock stock = (Stock) answers.get(1).get();
            Rating rating = (Rating) answers.get(2).get();
            int concurrent = Math.max(price.inFlight(), Math.max(stock.inFlight(), rating.inFlight()));
            List<Call> calls = List.of(span("/stub/price", answers.get(0), begun),
                    span("/stub/stock", answers.get(1), begun), span("/stub/rating", answers.get(2), begun));
            return new Quote(item, price.amount(), stock.units(), rating.stars(), concurrent, calls);
        }));
    }

    /**
     * {@code GET /hello?name=N}: a coroutine returned as it is; WebFlux runs it as a task on the event loop.
     *
     * @param name who to greet
     * @return the coroutine
     */
    @GetMapping("/hello")
    public Coroutine<String> hello(@RequestParam String name) {
        return Coroutine.of("hello", () -> {
            Price price = await(call("/stub/price", name, Price.class));
            return "Hello, " + name + "! Your name is worth " + price.amount();
        });
    }

    /** Where a timed call sits on the timeline that started at {@code begun}. */
    private static Call span(String path, Timed<?> answer, Instant begun) {
        long end = answer.timestamp().toEpochMilli() - begun.toEpochMilli();
        return new Call(path, end - answer.elapsedSinceSubscription().toMillis(), end);
    }

    /** One downstream call, as a Mono the coroutine awaits (subscribed when awaited or gathered). */
    private <T> Mono<T> call(String path, String item, Class<T> type) {
        String base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
        return client.get().uri(base + path + "?item={item}", item).retrieve().bodyToMono(type);
    }
}
