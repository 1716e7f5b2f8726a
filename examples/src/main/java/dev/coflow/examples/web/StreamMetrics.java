package dev.coflow.examples.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@link StreamStats} of every tagged stream the application served, by tag: how the examples show
 * (and the tests check) that a slow client pauses a generator and a client that goes away closes it.
 *
 * <p>Thread-safety: thread-safe.
 *
 * <pre>{@code
 * metrics.stats("demo").produced();
 * }</pre>
 */
@Component
public class StreamMetrics {

    private final Map<String, StreamStats> byTag = new ConcurrentHashMap<>();

    /** Creates an empty registry; Spring calls it. */
    public StreamMetrics() {}

    /** The stats of the stream tagged {@code tag}, created empty the first time it is asked for. */
    public StreamStats stats(String tag) {
        return byTag.computeIfAbsent(tag, t -> new StreamStats());
    }
}
