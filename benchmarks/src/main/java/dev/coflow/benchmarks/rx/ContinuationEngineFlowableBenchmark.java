package dev.coflow.benchmarks.rx;

import org.openjdk.jmh.annotations.Fork;

/** {@link FlowableBenchmarks} on the continuation engine. */
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
public class ContinuationEngineFlowableBenchmark extends FlowableBenchmarks {}
