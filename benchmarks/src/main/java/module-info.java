/** Coflow's JMH benchmarks; run from the shaded jar on the class path (see benchmarks/README.md). */
module dev.coflow.benchmarks {
    requires dev.coflow.core;
    requires dev.coflow.rxjava;
    requires dev.coflow.reactor;
    requires jmh.core;
    requires reactor.core;
    requires io.reactivex.rxjava3;
    requires java.management;
    requires static org.jspecify;

    exports dev.coflow.benchmarks.aio;
    exports dev.coflow.benchmarks.gen;
    exports dev.coflow.benchmarks.rx;
    exports dev.coflow.benchmarks.stream;
}
