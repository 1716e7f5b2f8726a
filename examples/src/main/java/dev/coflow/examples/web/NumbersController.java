package dev.coflow.examples.web;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorExit;
import dev.coflow.reactor.CoReactor;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a Python-style generator to HTTP clients, as NDJSON and as Server-Sent Events, at the pace the
 * client reads: the generator runs one {@code yield} per item the response asks for, so a client that
 * reads slowly pauses it, and a client that goes away closes it ({@code GeneratorExit} at its
 * {@code yield}, its {@code finally} runs).
 *
 * <p>Python counterpart: a Starlette {@code StreamingResponse} over a generator, which likewise stops
 * pulling when the client stops reading and closes the generator on disconnect.
 *
 * <p>Thread-safety: a stateless Spring bean; each request gets its own generator, run by whichever
 * thread pulls the response (a Netty thread).
 *
 * <pre>{@code
 * curl -N 'localhost:8080/numbers?count=3'
 * {"n":0,"payload":""}
 * {"n":1,"payload":""}
 * {"n":2,"payload":""}
 * }</pre>
 */
@RestController
public class NumbersController {

    private static final int MAX_PAD = 65_536;

    private final StreamMetrics metrics;

    /**
     * Creates the controller; Spring calls it.
     *
     * @param metrics where each tagged stream records what its generator did
     */
    public NumbersController(StreamMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * {@code GET /numbers?count=N[&pad=P][&failAt=K][&tag=T]}: items 0..N-1 as NDJSON, one line each, pulled
     * from a generator returned as it is. If the generator raises mid-stream (item {@code failAt}), the
     * response is cut off without its final chunk, so the client sees a broken transfer rather than a
     * complete one ({@code curl: (18) transfer closed ...}).
     *
     * @param count how many items, at least 0
     * @param pad the length of each item's padding text, 0 to 65536
     * @param failAt the index at which the generator raises, or -1 for never
     * @param tag names the stream in {@code GET /streams/{tag}}
     * @throws IllegalArgumentException (a 400) for a negative count or a padding out of range
     */
    @GetMapping(path = "/numbers", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Generator<Item, Void, Void> ndjson(@RequestParam int count, @RequestParam(defaultValue = "0") int pad,
            @RequestParam(defaultValue = "-1") int failAt, @RequestParam(defaultValue = "default") String tag) {
        return numbers(count, pad, failAt, tag);
    }

    /**
     * {@code GET /numbers/sse?count=N[&pad=P][&failAt=K][&tag=T]}: the same items as Server-Sent Events
     * ({@code event: item}, {@code id: n}). An error raised by the generator becomes a last
     * {@code event: error} whose data says what went wrong, then the stream ends.
     *
     * @param count how many items, at least 0
     * @param pad the length of each item's padding text, 0 to 65536
     * @param failAt the index at which the generator raises, or -1 for never
     * @param tag names the stream in {@code GET /streams/{tag}}
     * @throws IllegalArgumentException (a 400) for a negative count or a padding out of range
     */
    @GetMapping(path = "/numbers/sse", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> sse(@RequestParam int count, @RequestParam(defaultValue = "0") int pad,
            @RequestParam(defaultValue = "-1") int failAt, @RequestParam(defaultValue = "default") String tag) {
        Generator<Item, Void, Void> items = numbers(count, pad, failAt, tag);
        return CoReactor.flux(() -> items)
                .map(item -> ServerSentEvent.<Object>builder(item).id(Long.toString(item.n())).event("item").build())
                .onErrorResume(e -> Mono.just(ServerSentEvent.<Object>builder(
                        Map.of("error", String.valueOf(e.getMessage()))).event("error").build()));
    }

    /**
     * {@code GET /streams/{tag}}: what the generator of the stream tagged {@code tag} did; a 404 if no
     * stream had that tag, or its entry was dropped (see {@link StreamMetrics}). Asking makes no entry.
     *
     * @param tag the stream's tag
     * @return {@code {"produced":..,"ended":..,"cancelled":..,"failed":..}}
     * @throws ResponseStatusException (a 404) for a tag {@link StreamMetrics} does not know
     */
    @GetMapping("/streams/{tag}")
    public Map<String, Object> stream(@PathVariable String tag) {
        StreamStats s = metrics.find(tag);
        if (s == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no stream tagged '" + tag + "' is known: none"
                    + " ran, or it ended more than the retention ago");
        }
        return Map.of("produced", s.produced(), "ended", s.ended(), "cancelled", s.cancelled(), "failed", s.failed());
    }

    /**
     * Python's
     * <pre>
     * def numbers(count, pad, fail_at):
     *     try:
     *         for n in range(count):
     *             if n == fail_at: raise ValueError(...)
     *             yield Item(n, "x" * pad)
     *     finally:
     *         ...   # runs on exhaustion, on error, and when the client goes away
     * </pre>
     * The arguments are checked now, so that a bad request is a 400 before any byte is sent.
     */
    private Generator<Item, Void, Void> numbers(int count, int pad, int failAt, String tag) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        if (pad < 0 || pad > MAX_PAD) {
            throw new IllegalArgumentException("pad must be between 0 and " + MAX_PAD + ", got " + pad);
        }
        String payload = "x".repeat(pad);
        StreamStats stats = metrics.stats(tag);
        return Generator.of(y -> {
            stats.onStart();
            try {
                for (long n = 0; n < count; n++) {
                    if (n == failAt) {
                        throw new IllegalStateException("the generator failed at item " + n + " (failAt=" + failAt + ")");
                    }
                    stats.onYield();
                    y.yield(new Item(n, payload));
                }
            } catch (GeneratorExit e) {
                stats.onCancel();
                throw e;
            } catch (RuntimeException e) {
                stats.onFailure();
                throw e;
            } finally {
                stats.onEnd();
            }
            return null;
        });
    }
}
