/**
 * Coflow's Reactor bridge: generators as {@code Flux}, coroutines as {@code Mono}, and the event loop
 * as a Reactor {@code Scheduler}; see {@link dev.coflow.reactor.CoReactor}.
 */
module dev.coflow.reactor {
    requires transitive dev.coflow.core;
    requires transitive reactor.core;
    requires static context.propagation;
    requires static transitive org.jspecify;

    exports dev.coflow.reactor;
}
