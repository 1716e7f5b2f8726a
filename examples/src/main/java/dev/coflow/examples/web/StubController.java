package dev.coflow.examples.web;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Coroutine;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Three slow "downstream services" for {@link QuoteController} to call over HTTP: each is an
 * {@code async def} endpoint that awaits a delay ({@code coflow.examples.stub-latency}, 200 ms by default)
 * and answers. Each answer says how many stub calls were in flight when it was ready, which shows whether
 * its caller made the calls one after the other (1) or together (3).
 *
 * <p>Python counterpart: FastAPI {@code async def} endpoints awaiting {@code asyncio.sleep}.
 *
 * <p>Thread-safety: every coroutine of the application runs on the one event loop of
 * {@code coflow-spring} (see {@code CoflowAutoConfiguration}), so the in-flight counter is a plain field
 * that needs no lock, as it would in asyncio.
 *
 * <pre>{@code
 * curl -s 'localhost:8080/stub/price?item=tea'
 * {"item":"tea","amount":4.2,"inFlight":1}
 * }</pre>
 */
@RestController
public class StubController {

    private final Duration latency;
    /** Touched only by coroutines, which all run on the application's one event loop. */
    private int inFlight;

    /**
     * Creates the stubs; Spring calls it.
     *
     * @param latency how long each stub takes to answer
     */
    public StubController(@Value("${coflow.examples.stub-latency:200ms}") Duration latency) {
        this.latency = latency;
    }

    /**
     * A price.
     *
     * @param item what is priced
     * @param amount its price
     * @param inFlight stub calls in flight when this one was ready
     */
    public record Price(String item, double amount, int inFlight) {}

    /**
     * A stock level.
     *
     * @param item what is stocked
     * @param units how many are in stock
     * @param inFlight stub calls in flight when this one was ready
     */
    public record Stock(String item, int units, int inFlight) {}

    /**
     * A rating.
     *
     * @param item what is rated
     * @param stars 1 to 5
     * @param inFlight stub calls in flight when this one was ready
     */
    public record Rating(String item, int stars, int inFlight) {}

    /**
     * {@code GET /stub/price?item=I}: a price after the stub latency.
     *
     * @param item what to price
     * @return a coroutine, run by the event loop when WebFlux subscribes
     */
    @GetMapping("/stub/price")
    public Coroutine<Price> price(@RequestParam String item) {
        return Coroutine.of("price", () -> {
            int seen = slowly();
            return new Price(item, (Math.floorMod(item.hashCode(), 900) + 100) / 100.0, seen);
        });
    }

    /**
     * {@code GET /stub/stock?item=I}: a stock level after the stub latency.
     *
     * @param item what to look up
     * @return a coroutine, run by the event loop when WebFlux subscribes
     */
    @GetMapping("/stub/stock")
    public Coroutine<Stock> stock(@RequestParam String item) {
        return Coroutine.of("stock", () -> {
            int seen = slowly();
            return new Stock(item, Math.floorMod(item.hashCode(), 50), seen);
        });
    }

    /**
     * {@code GET /stub/rating?item=I}: a rating after the stub latency.
     *
     * @param item what to rate
     * @return a coroutine, run by the event loop when WebFlux subscribes
     */
    @GetMapping("/stub/rating")
    public Coroutine<Rating> rating(@RequestParam String item) {
        return Coroutine.of("rating", () -> {
            int seen = slowly();
            return new Rating(item, Math.floorMod(item.hashCode(), 5) + 1, seen);
        });
    }

    /** Awaits the latency as one more call in flight; returns how many were in flight at its end. */
    private int slowly() {
        inFlight++;
        try {
            await(sleep(latency));
            return inFlight;
        } finally {
            inFlight--;
        }
    }
}
