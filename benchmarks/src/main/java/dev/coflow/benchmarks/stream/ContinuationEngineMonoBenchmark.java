package dev.coflow.benchmarks.stream;

import org.openjdk.jmh.annotations.Fork;

/** {@link MonoBenchmarks} on the continuation engine. */
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
public class ContinuationEngineMonoBenchmark extends MonoBenchmarks {}
