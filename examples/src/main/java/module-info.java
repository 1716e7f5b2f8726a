/**
 * Coflow's examples: the seed tour ({@code dev.coflow.examples.tour}), each topic of the seed tutorial
 * written with Coflow and checked against CPython's output; and a Spring WebFlux application
 * ({@code dev.coflow.examples.web}) whose handlers return generators and coroutines.
 */
module dev.coflow.examples {
    requires dev.coflow.core;
    requires static org.jspecify;
    requires static com.google.errorprone.annotations;
    // Topic 11 reads asyncio's debug-mode warnings, which Coflow logs through System.Logger (JUL by default).
    requires java.logging;

    exports dev.coflow.examples.tour;

    // The WebFlux application: Spring's jars are automatic modules; Spring and Jackson reflect on its beans.
    requires dev.coflow.spring;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires spring.core;
    requires spring.web;
    requires spring.webflux;
    // HangUpFilter listens for the connection's close: Reactor Netty is the server.
    requires reactor.netty.core;
    // RequestIdFilter: the request id in SLF4J's MDC, propagated as a registered thread-local.
    requires context.propagation;
    requires org.slf4j;

    exports dev.coflow.examples.web;
    opens dev.coflow.examples.web;
}
