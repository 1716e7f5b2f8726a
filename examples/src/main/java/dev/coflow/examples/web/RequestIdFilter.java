package dev.coflow.examples.web;

import io.micrometer.context.ContextRegistry;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an id, logged with each line its handler writes: the {@code X-Request-Id} header
 * when the client sends a well-formed one, else a new UUID, echoed in the response's
 * {@code X-Request-Id}. The id goes into the request's Reactor Context under {@link #KEY}; a
 * {@code ThreadLocalAccessor} registered under the same key in Micrometer's {@link ContextRegistry}
 * maps it to SLF4J's MDC entry {@code requestId}. From there Reactor (with
 * {@code spring.reactor.context-propagation=auto}) sets the MDC around its operators, and Coflow sets it
 * around every step of a {@code Coroutine}, {@code Generator} or {@code AsyncGenerator} that the
 * request's handler returns, on whichever thread runs the step, and restores the thread's own value
 * afterwards (see {@link ContextController} and {@code docs/request-context.md}).
 *
 * <p>The filter never writes the MDC itself: a value put on a Netty thread would stay there for the next
 * request that thread serves; the Context belongs to the request alone.
 *
 * <p>Python counterpart: an ASGI middleware that sets a {@code contextvars.ContextVar} before awaiting
 * the endpoint, with a {@code logging.Filter} that copies it into every record.
 *
 * <p>Thread-safety: stateless; the registration in the constructor replaces an accessor registered
 * under the same key before (one per application context started in the JVM).
 *
 * <pre>{@code
 * curl -s -H 'X-Request-Id: r-42' 'localhost:8080/context/coroutine?label=a'
 * ... INFO [r-42] ... ContextController : coroutine a before await
 * }</pre>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    /** The header carrying the id, both ways. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC key, which is also the Reactor Context key and the {@code ThreadLocalAccessor}'s. */
    public static final String KEY = "requestId";

    /** What a client may send as an id: it lands in log lines and a response header. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Creates the filter and registers the MDC entry {@link #KEY} as a thread-local to propagate. */
    public RequestIdFilter() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY,
                () -> MDC.get(KEY), id -> MDC.put(KEY, id), () -> MDC.remove(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = idOf(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange).contextWrite(Context.of(KEY, id));
    }

    /** The client's id if it is well formed, else a new one. */
    private static String idOf(@Nullable String sent) {
        return sent != null && WELL_FORMED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }
}
