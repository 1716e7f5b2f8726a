package dev.coflow.reactor;

import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Coflow in Reactor: Python-style generators as {@link Flux}es, with Reactor's backpressure and
 * cancellation mapped to Python's {@code next()} and {@code close()}.
 *
 * <p>Thread-safety: every method may be called from any thread; the Fluxes it returns are cold and
 * may be subscribed to many times, from any thread.
 *
 * <pre>{@code
 * Flux<String> lines = CoReactor.flux(() -> Generator.of(y -> {
 *     try (BufferedReader in = Files.newBufferedReader(path)) {
 *         for (String line; (line = in.readLine()) != null; ) y.yield(line);
 *     }                                  // closed on take(10)'s cancel too
 *     return null;
 * }));
 * lines.filter(l -> !l.isBlank()).take(10).subscribe(System.out::println);
 * }</pre>
 */
public final class CoReactor {

    private CoReactor() {}

    /**
     * A cold Flux that runs a fresh generator per subscriber, as far as the demand asks: the
     * Reactor face of {@link Publishers#from}. Each requested item is one more {@code yield} of the
     * body (the body never runs ahead of the demand); cancelling, as {@code take(n)} does, closes the
     * generator so its {@code finally} blocks run; the body's exception is {@code onError}.
     *
     * @param generators called once per subscriber; must return a new generator each time
     */
    public static <T> Flux<T> flux(Supplier<? extends Generator<? extends T, ?, ?>> generators) {
        return Flux.from(Publishers.from(generators));
    }
}
