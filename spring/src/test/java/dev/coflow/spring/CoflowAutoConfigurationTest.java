package dev.coflow.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.publisher.Mono;

@Timeout(60)
class CoflowAutoConfigurationTest {

    /** Stands for WebFlux's configuration, which declares its own registry bean. */
    @Configuration(proxyBeanMethods = false)
    static class WebFluxLike {
        @Bean
        ReactiveAdapterRegistry webFluxAdapterRegistry() {
            return new ReactiveAdapterRegistry();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoflowAutoConfiguration.class))
            .withUserConfiguration(WebFluxLike.class);

    @Test
    void registersCoflowTypesWithEveryRegistryBeanAndRunsCoroutinesOnTheLoopBean() {
        AtomicReference<EventLoopThread> loop = new AtomicReference<>();
        runner.run(context -> {
            ReactiveAdapterRegistry registry = context.getBean(ReactiveAdapterRegistry.class);
            for (Class<?> type : new Class<?>[] {Generator.class, AsyncGenerator.class, Coroutine.class, Task.class}) {
                assertNotNull(registry.getAdapter(type), type.getSimpleName() + " is registered");
            }
            EventLoopThread background = context.getBean(EventLoopThread.class);
            loop.set(background);
            assertEquals("coflow-loop", background.thread().getName());
            assertSame(background.loop(), loopRunning(registry));
        });
        assertTrue(loop.get().loop().isClosed(), "closing the context closed the loop");
        assertFalse(loop.get().thread().isAlive());
    }

    /** The loop on which a coroutine returned through {@code registry} runs. */
    private static EventLoop loopRunning(ReactiveAdapterRegistry registry) {
        Coroutine<EventLoop> where = Coroutine.of(Aio::getRunningLoop);
        return Mono.from(registry.getAdapter(Coroutine.class).<EventLoop>toPublisher(where)).block();
    }

    @Test
    void theSharedRegistryKnowsCoflowTypesToo() {
        runner.run(context -> assertNotNull(
                ReactiveAdapterRegistry.getSharedInstance().getAdapter(Generator.class),
                "functional endpoints' BodyInserters read the shared registry"));
    }

    @Test
    void anEventLoopThreadBeanOfTheApplicationReplacesTheDefault() {
        runner.withBean("myLoop", EventLoopThread.class, () -> EventLoopThread.start("my-loop"))
                .run(context -> {
                    assertEquals(1, context.getBeansOfType(EventLoopThread.class).size());
                    ReactiveAdapterRegistry registry = context.getBean(ReactiveAdapterRegistry.class);
                    assertSame(context.getBean(EventLoopThread.class).loop(), loopRunning(registry));
                    assertEquals("my-loop", context.getBean(EventLoopThread.class).thread().getName());
                });
    }

    @Test
    void backsOffWithoutCoflowOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(Generator.class)).run(context -> {
            assertTrue(context.getBeansOfType(EventLoopThread.class).isEmpty());
            assertNull(context.getBean(ReactiveAdapterRegistry.class).getAdapter(Coroutine.class));
        });
    }
}
