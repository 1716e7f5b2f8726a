package dev.coflow.benchmarks.rx;

import org.openjdk.jmh.annotations.Fork;

/** {@link FlowableBenchmarks} on the virtual-thread engine. */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineFlowableBenchmark extends FlowableBenchmarks {}
