package dev.coflow.examples.web;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.gen.Generator;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Handlers that log with the request's id in SLF4J's MDC ({@link RequestIdFilter} puts it in the
 * request's Reactor Context): a {@code Coroutine}, a {@code Generator} and an {@code AsyncGenerator},
 * each logging before and after it suspends. Nothing here passes the id along by hand: Coflow captures
 * the thread-locals when WebFlux subscribes (as {@code asyncio.create_task} copies the current
 * {@code contextvars} context) and sets them around every step, on the event loop, on a Netty thread or
 * on a fiber's thread; each step after a suspension may run on another thread than the step before, and
 * between two steps the thread serves other requests with their own ids. Each handler also answers
 * with what the MDC said.
 *
 * <p>Python counterpart:
 * <pre>
 * request_id = contextvars.ContextVar("request_id")
 * async def endpoint(label):
 *     log.info("coroutine %s before await", label)   # a logging.Filter adds request_id.get()
 *     await asyncio.sleep(0.005)
 *     log.info("coroutine %s after await", label)
 * </pre>
 *
 * <p>Thread-safety: a stateless Spring bean.
 *
 * <pre>{@code
 * curl -s -H 'X-Request-Id: r-1' 'localhost:8080/context/generator?label=g'
 * ... INFO [r-1] ... ContextController : generator g item 0
 * }</pre>
 */
@RestController
public class ContextController {

    private static final Logger LOG = LoggerFactory.getLogger(ContextController.class);

    /** How many items a stream yields, and the pause of the awaiting handlers: enough to interleave requests. */
    private static final int ITEMS = 3;
    private static final Duration PAUSE = Duration.ofMillis(5);

    /** Creates the controller; Spring calls it. */
    public ContextController() {}

    /**
     * What a stream's step saw: one NDJSON line.
     *
     * @param item the item's index
     * @param requestId the MDC's request id when the item was yielded
     */
    public record Seen(int item, String requestId) {}

    /**
     * {@code GET /context/coroutine?label=L}: a coroutine that logs, awaits, and logs again.
     *
     * @param label names the request in the log lines
     * @return the coroutine, run as a task on the event loop when WebFlux subscribes; its value is the MDC's id
     */
    @GetMapping("/context/coroutine")
    public Coroutine<String> coroutine(@RequestParam String label) {
        return Coroutine.of("context", () -> {
            LOG.info("coroutine {} before await", label);
            await(sleep(PAUSE));
            LOG.info("coroutine {} after await", label);
            return requestId();
        });
    }

    /**
     * {@code GET /context/generator?label=L}: a generator that logs each item it yields; WebFlux pulls
     * them as the client reads.
     *
     * @param label names the request in the log lines
     * @return the generator of what each step saw
     */
    @GetMapping(path = "/context/generator", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Generator<Seen, Void, Void> generator(@RequestParam String label) {
        return Generator.of(y -> {
            for (int i = 0; i < ITEMS; i++) {
                LOG.info("generator {} item {}", label, i);
                y.yield(new Seen(i, requestId()));
            }
            return null;
        });
    }

    /**
     * {@code GET /context/async-generator?label=L}: an async generator that awaits before each item and
     * logs it.
     *
     * @param label names the request in the log lines
     * @return the async generator of what each step saw, run by the event loop
     */
    @GetMapping(path = "/context/async-generator", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public AsyncGenerator<Seen> asyncGenerator(@RequestParam String label) {
        return AsyncGenerator.of("context", y -> {
            for (int i = 0; i < ITEMS; i++) {
                await(sleep(PAUSE));
                LOG.info("async generator {} item {}", label, i);
                y.yield(new Seen(i, requestId()));
            }
        });
    }

    /** The id the MDC holds now, "none" when it holds none (a String body needs a value). */
    private static String requestId() {
        @Nullable String id = MDC.get(RequestIdFilter.KEY);
        return id != null ? id : "none";
    }
}
