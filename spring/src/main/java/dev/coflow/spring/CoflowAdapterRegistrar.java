package dev.coflow.spring;

import dev.coflow.aio.EventLoop;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * A bean post-processor that registers Coflow's types ({@link CoflowReactiveAdapters}) with every
 * {@link ReactiveAdapterRegistry} bean of the context, and once with Spring's
 * {@linkplain ReactiveAdapterRegistry#getSharedInstance() shared registry}. The shared registry is global
 * to the JVM: the most recently created registrar's loop serves it.
 *
 * <p>Python counterpart: none; it is what lets a WebFlux handler return a generator or coroutine the way
 * an ASGI framework accepts an {@code async def} handler or an async generator as a streaming body.
 *
 * <p>Thread-safety: used by Spring while the context starts; the registrations themselves are
 * thread-safe.
 *
 * <pre>{@code
 * @Bean
 * static CoflowAdapterRegistrar coflowAdapterRegistrar(EventLoopThread loop) {
 *     return new CoflowAdapterRegistrar(loop::loop);
 * }
 * }</pre>
 */
public final class CoflowAdapterRegistrar implements BeanPostProcessor {

    private final Supplier<EventLoop> loops;

    /**
     * Registers with the shared registry now, and with each registry bean as it is initialised.
     *
     * @param loops gives the loop a returned coroutine runs on, once per subscription
     */
    public CoflowAdapterRegistrar(Supplier<EventLoop> loops) {
        this.loops = Objects.requireNonNull(loops, "CoflowAdapterRegistrar(loops): loops must not be null");
        CoflowReactiveAdapters.registerWith(ReactiveAdapterRegistry.getSharedInstance(), loops);
    }

    /** Registers Coflow's types with {@code bean} if it is a {@link ReactiveAdapterRegistry}; returns it. */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ReactiveAdapterRegistry registry) {
            CoflowReactiveAdapters.registerWith(registry, loops);
        }
        return bean;
    }
}
