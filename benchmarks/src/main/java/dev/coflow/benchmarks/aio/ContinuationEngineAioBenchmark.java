package dev.coflow.benchmarks.aio;

import org.openjdk.jmh.annotations.Fork;

/** {@link AioBenchmarks} on the continuation engine. */
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dcoflow.engine=continuation"})
public class ContinuationEngineAioBenchmark extends AioBenchmarks {}
