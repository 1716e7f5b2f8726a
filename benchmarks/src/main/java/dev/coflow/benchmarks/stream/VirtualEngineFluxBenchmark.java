package dev.coflow.benchmarks.stream;

import org.openjdk.jmh.annotations.Fork;

/** {@link FluxBenchmarks} on the virtual-thread engine. */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineFluxBenchmark extends FluxBenchmarks {}
