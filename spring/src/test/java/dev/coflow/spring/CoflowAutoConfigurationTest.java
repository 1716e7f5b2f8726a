package dev.coflow.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.publisher.Mono;

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
            for (Class<?> type : new Class<?>[] {Generator.class, Coroutine.class, Task.class}) {
                assertNotNull(registry.getAdapter(type), type.getSimpleName() + " is registered");
            }
            EventLoopThread background = context.getBean(EventLoopThread.class);
            loop.set(background);
            Coroutine<String> where = Coroutine.of(() -> Thread.currentThread().getName());
            String ranOn = Mono.from(registry.getAdapter(Coroutine.class).<String>toPublisher(where)).block();
            assertEquals("coflow-loop", ranOn);
            assertSame(background.thread().getName(), ranOn);
        });
        assertTrue(loop.get().loop().isClosed(), "closing the context closed the loop");
        assertFalse(loop.get().thread().isAlive());
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
                    Coroutine<String> where = Coroutine.of(() -> Thread.currentThread().getName());
                    assertEquals("my-loop",
                            Mono.from(registry.getAdapter(Coroutine.class).<String>toPublisher(where)).block());
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
