package dev.coflow.benchmarks.aio;

import org.openjdk.jmh.annotations.Fork;

/** {@link AsyncPrimitivesBenchmarks} on the virtual-thread engine (needs two idle cores to mean much). */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineAsyncBenchmark extends AsyncPrimitivesBenchmarks {}
