package dev.coflow.benchmarks.gen;

import org.openjdk.jmh.annotations.Fork;

/** {@link GeneratorBenchmarks} on the virtual-thread engine. */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineBenchmark extends GeneratorBenchmarks {}
