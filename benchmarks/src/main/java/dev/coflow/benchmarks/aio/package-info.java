/**
 * JMH benchmarks of asyncio on the JVM, per engine: async generators and the synchronization primitives
 * (per item, against a plain generator driven inside a coroutine); 100,000 coroutines each awaiting
 * {@code sleep(0)}, gathered; {@code callSoon} throughput on one loop; an {@code EventLoopGroup} of 1 and
 * 2 loops; and the retained size of a suspended task. {@code benchmarks/cpython/aio_baseline.py} measures
 * the same asyncio workloads in CPython.
 */
@NullMarked
package dev.coflow.benchmarks.aio;

import org.jspecify.annotations.NullMarked;
