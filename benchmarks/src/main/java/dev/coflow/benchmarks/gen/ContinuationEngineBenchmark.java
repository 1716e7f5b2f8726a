package dev.coflow.benchmarks.gen;

import org.openjdk.jmh.annotations.Fork;

/** {@link GeneratorBenchmarks} on the continuation engine. */
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
public class ContinuationEngineBenchmark extends GeneratorBenchmarks {}
