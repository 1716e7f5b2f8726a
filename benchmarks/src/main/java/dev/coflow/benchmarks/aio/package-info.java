/**
 * JMH benchmarks of asyncio on the JVM: async generators and the synchronization primitives, per item on
 * each suspension engine, against a plain generator driven inside a coroutine.
 */
@NullMarked
package dev.coflow.benchmarks.aio;

import org.jspecify.annotations.NullMarked;
