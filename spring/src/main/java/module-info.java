/**
 * Coflow in Spring: generators, async generators, coroutines, tasks and futures as Spring WebFlux return
 * types, registered with Spring's {@code ReactiveAdapterRegistry} and auto-configured by Spring Boot; see
 * {@link dev.coflow.spring.CoflowReactiveAdapters} and {@link dev.coflow.spring.CoflowAutoConfiguration}.
 *
 * <p>Spring is optional ({@code requires static}): an application brings its own Spring, through the
 * jars' automatic module names.
 */
module dev.coflow.spring {
    requires transitive dev.coflow.reactor;
    requires static spring.core;
    requires static spring.beans;
    requires static spring.context;
    requires static spring.boot.autoconfigure;
    requires static transitive org.jspecify;

    exports dev.coflow.spring;
}
