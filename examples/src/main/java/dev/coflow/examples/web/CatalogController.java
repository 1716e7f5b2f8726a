package dev.coflow.examples.web;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.Task;
import dev.coflow.spring.EventLoopThread;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A task returned as it is: the catalog is loaded once, by a task started with the application, and every
 * request returns that same task. Requests that come while it loads wait for it; later ones get its
 * result at once; a client that goes away only stops waiting (a task may be shared, so it is not
 * cancelled for the others).
 *
 * <p>Python counterpart: {@code app.state.catalog = asyncio.create_task(load_catalog())} at startup, and
 * endpoints that {@code return await app.state.catalog}.
 *
 * <p>Thread-safety: the task field is final and the task itself is only used on its event loop (by the
 * adapter that reads its outcome).
 *
 * <pre>{@code
 * curl -s 'localhost:8080/catalog'
 * {"loadId":"6f1c...","items":["cocoa","coffee","tea"]}
 * }</pre>
 */
@RestController
public class CatalogController {

    private final Task<Catalog> catalog;

    /**
     * Starts loading the catalog on the application's event loop; Spring calls it.
     *
     * @param loop the event loop that runs the application's coroutines
     * @param latency how long the load takes ({@code coflow.examples.stub-latency})
     */
    public CatalogController(EventLoopThread loop, @Value("${coflow.examples.stub-latency:200ms}") Duration latency) {
        // Tasks are created on their loop's thread: hand the creation to it (the load itself runs on).
        this.catalog = loop.loop().submit(Coroutine.of(() -> Aio.createTask(load(latency), "load-catalog"))).join();
    }

    /**
     * The catalog.
     *
     * @param loadId names the load that produced it: the same for every request
     * @param items what can be quoted
     */
    public record Catalog(String loadId, List<String> items) {}

    /**
     * {@code GET /catalog}: the shared loading task, which WebFlux turns into its result.
     *
     * @return the task started with the application
     */
    @GetMapping("/catalog")
    public Task<Catalog> catalog() {
        return catalog;
    }

    private static Coroutine<Catalog> load(Duration latency) {
        return Coroutine.of("load_catalog", () -> {
            await(sleep(latency));
            return new Catalog(UUID.randomUUID().toString(), List.of("cocoa", "coffee", "tea"));
        });
    }
}
