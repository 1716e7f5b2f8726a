package dev.coflow.examples.web;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.GeneratorExit;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An async generator endpoint: a ticker that awaits between its yields, returned as it is. It runs on the
 * application's event loop, one tick per item the client asks for; a client that goes away cancels it at
 * its {@code await} (or closes it at its {@code yield}), so its {@code finally} runs.
 *
 * <p>Python counterpart:
 * <pre>
 * async def ticks(count, every):
 *     for n in range(count):
 *         await asyncio.sleep(every)
 *         yield Tick(n, ...)
 * </pre>
 *
 * <p>Thread-safety: a stateless Spring bean; each request gets its own async generator, run by the
 * event loop.
 *
 * <pre>{@code
 * curl -N 'localhost:8080/ticks?count=3&everyMs=500'
 * {"n":0,"elapsedMillis":500}
 * {"n":1,"elapsedMillis":1001}
 * {"n":2,"elapsedMillis":1502}
 * }</pre>
 */
@RestController
public class TickerController {

    private static final long MAX_EVERY_MS = 60_000;

    private final StreamMetrics metrics;

    /**
     * Creates the controller; Spring calls it.
     *
     * @param metrics where each tagged stream records what its generator did
     */
    public TickerController(StreamMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * One tick.
     *
     * @param n the tick's index, from 0
     * @param elapsedMillis milliseconds since the ticker started, on the event loop's clock
     */
    public record Tick(long n, long elapsedMillis) {}

    /**
     * {@code GET /ticks?count=N[&everyMs=M][&tag=T]}: N ticks, M milliseconds apart, as NDJSON (or as
     * Server-Sent Events for {@code Accept: text/event-stream}).
     *
     * @param count how many ticks, at least 0
     * @param everyMs the pause before each tick, 0 to 60000 ms
     * @param tag names the stream in {@code GET /streams/{tag}}
     * @return the async generator, run by the event loop when WebFlux subscribes
     * @throws IllegalArgumentException (a 400) for a count or a pause out of range
     */
    @GetMapping(path = "/ticks", produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    public AsyncGenerator<Tick> ticks(@RequestParam int count, @RequestParam(defaultValue = "1000") long everyMs,
            @RequestParam(defaultValue = "default") String tag) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        if (everyMs < 0 || everyMs > MAX_EVERY_MS) {
            throw new IllegalArgumentException("everyMs must be between 0 and " + MAX_EVERY_MS + ", got " + everyMs);
        }
        Duration every = Duration.ofMillis(everyMs);
        StreamStats stats = metrics.stats(tag);
        return AsyncGenerator.of("ticks", y -> {
            stats.onStart();
            try {
                EventLoop loop = Aio.getRunningLoop();
                double start = loop.time();
                for (long n = 0; n < count; n++) {
                    await(sleep(every));
                    stats.onYield();
                    y.yield(new Tick(n, Math.round((loop.time() - start) * 1000)));
                }
            } catch (GeneratorExit | CancelledError e) {
                stats.onCancel();
                throw e;
            } catch (RuntimeException e) {
                stats.onFailure();
                throw e;
            } finally {
                stats.onEnd();
            }
        });
    }
}
