package dev.coflow.examples.web;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Ends a response's body as soon as its client's connection closes: the body's subscription is cancelled,
 * so a generator streamed in it is closed ({@code GeneratorExit} at its {@code yield}) and an async
 * generator is cancelled at its {@code await}, and their {@code finally} blocks run.
 *
 * <p>Without it, two kinds of stream outlive their client. One that is suspended at an {@code await} (a
 * ticker sleeping a minute) writes nothing, so the server has no write to fail and does not cancel it
 * until its next item. And one whose client hangs up before its first item is written is never
 * cancelled at all: WebFlux asks the body for its first item before it commits the response, then hands
 * the body to Reactor Netty, which, finding the connection closed, fails the write without subscribing to
 * the body; that failure ends the response, but nothing cancels the body's subscription, so its generator
 * stays suspended at the {@code yield} of that first item for ever. Here the body is cut off by the
 * connection's own close event (Reactor Netty's {@link Connection#onDispose()}), whatever the write path
 * does. A stream that ends first stops listening for the close (the listener is removed from the
 * connection, which keep-alive may reuse for many requests).
 *
 * <p>Python counterpart: Starlette's {@code StreamingResponse}, which listens for
 * {@code http.disconnect} while it streams and cancels the body's task when it comes.
 *
 * <p>Thread-safety: stateless.
 *
 * <pre>{@code
 * curl -N 'localhost:8080/ticks?count=5&everyMs=60000&tag=t'   # Ctrl-C at once, then:
 * curl 'localhost:8080/streams/t'                               # "ended":true,"cancelled":true
 * }</pre>
 */
@Component
public class HangUpFilter implements WebFilter {

    /** Creates the filter; Spring calls it. */
    public HangUpFilter() {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<Void> closed = connectionClosed(exchange.getRequest());
        if (closed == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                // A Mono stays one: the server sends it with a Content-Length instead of chunks.
                return super.writeWith(body instanceof Mono<? extends DataBuffer> single
                        ? single.takeUntilOther(closed) : Flux.from(body).takeUntilOther(closed));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).takeUntilOther(closed));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    /** Completes when the request's connection closes; null on a server other than Reactor Netty. */
    private static @Nullable Mono<Void> connectionClosed(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof Connection connection ? connection.onDispose() : null;
    }
}
