/**
 * Coflow core: Python's generators, coroutines and asyncio on the JVM, as Reactive Streams.
 *
 * <p>The suspension engines live in a package that is not exported; {@code dev.coflow.internal.aio} is
 * exported to Coflow's Reactor and RxJava bridges only. The continuation engine needs
 * {@code --add-exports java.base/jdk.internal.vm=dev.coflow.core} on the module path (or
 * {@code =ALL-UNNAMED} on the class path); without it Coflow runs on the virtual-thread engine.
 */
@SuppressWarnings("module") // the bridges exported to below are built after core: javac cannot find them yet
module dev.coflow.core {
    requires transitive org.reactivestreams;
    requires java.management;
    requires static context.propagation;
    requires static transitive org.jspecify;
    requires static com.google.errorprone.annotations;

    exports dev.coflow.gen;

    exports dev.coflow.aio;

    exports dev.coflow.stream;

    // The loop mechanisms the bridges share (a task per subscriber, a scheduler's action); not an API.
    exports dev.coflow.internal.aio to dev.coflow.reactor, dev.coflow.rxjava;
}
