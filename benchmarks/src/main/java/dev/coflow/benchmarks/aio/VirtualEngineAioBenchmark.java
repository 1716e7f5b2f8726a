package dev.coflow.benchmarks.aio;

import org.openjdk.jmh.annotations.Fork;

/** {@link AioBenchmarks} on the virtual-thread engine (needs two idle cores to mean anything). */
@Fork(value = 1, jvmArgsAppend = "-Dcoflow.engine=virtual")
public class VirtualEngineAioBenchmark extends AioBenchmarks {}
