package dev.coflow.spring;

import dev.coflow.gen.Generator;
import dev.coflow.reactor.CoReactor;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Spring Boot auto-configuration, active when Coflow and Spring are both on the class path: registers
 * Coflow's types as reactive types ({@link CoflowReactiveAdapters}) with every
 * {@link ReactiveAdapterRegistry} bean (WebFlux's {@code webFluxAdapterRegistry} among them) and with the
 * shared registry (which functional endpoints' {@code BodyInserters} read), and runs returned coroutines
 * on an {@link EventLoopThread} bean.
 *
 * <p><b>Which loop runs a controller's coroutine.</b> One event loop, on a thread of its own, shared by
 * every request, as an ASGI server (uvicorn) runs every request's coroutine on one asyncio loop per
 * process. That is what makes Python's programming model hold: tasks of different requests may share an
 * {@code AsyncLock}, an {@code AsyncQueue} or a cache of futures without any Java lock, because one
 * thread runs all of them; a loop per request (even one driven by the Netty thread serving it) would
 * make each of those a cross-loop error. A coroutine that blocks stalls the other coroutines, as in
 * Python, but never Netty's threads, which keep serving I/O and streaming generators. The price is a
 * thread hop into the loop when the request starts and out of it with the result (small beside an HTTP
 * exchange; figures: {@code benchmarks/README.md}). Define your own {@code EventLoopThread} bean to name the thread,
 * or turn debug mode on ({@code loop().setDebug(true)} from a callback on the loop) to find blocking calls.
 *
 * <p>Thread-safety: a configuration class, used by Spring while the context starts.
 *
 * <pre>{@code
 * @RestController
 * class Hello {
 *     @GetMapping("/hello")
 *     Coroutine<String> hello(@RequestParam String name) {     // no adapter code needed
 *         return Coroutine.of(() -> {
 *             await(sleep(Duration.ofMillis(100)));
 *             return "Hello, " + name;
 *         });
 *     }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass({ReactiveAdapterRegistry.class, Generator.class, CoReactor.class})
public class CoflowAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public CoflowAutoConfiguration() {}

    /**
     * The event loop that runs the coroutines controllers return, on a daemon thread named
     * {@code coflow-loop}; closed with the context (pending tasks are cancelled and clean up first).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventLoopThread coflowEventLoop() {
        return EventLoopThread.start("coflow-loop");
    }

    /**
     * Registers Coflow's types with the registries (static: a bean post-processor is created before the
     * others, and reaches the loop only when a coroutine is subscribed to).
     */
    @Bean
    public static CoflowAdapterRegistrar coflowAdapterRegistrar(ObjectProvider<EventLoopThread> loop) {
        Objects.requireNonNull(loop, "coflowAdapterRegistrar(loop): loop must be the EventLoopThread provider, not null");
        return new CoflowAdapterRegistrar(() -> loop.getObject().loop());
    }
}
