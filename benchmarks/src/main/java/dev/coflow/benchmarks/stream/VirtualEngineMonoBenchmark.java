package dev.coflow.benchmarks.stream;

import org.openjdk.jmh.annotations.Fork;

/** {@link MonoBenchmarks} on the virtual-thread engine. */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineMonoBenchmark extends MonoBenchmarks {}
