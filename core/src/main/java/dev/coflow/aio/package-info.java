/**
 * Python's asyncio on the JVM: the {@link dev.coflow.aio.EventLoop}, futures, tasks, coroutines, the
 * {@link dev.coflow.aio.Aio} functions ({@code await}, {@code sleep}, {@code gather}, {@code wait}, …),
 * synchronization primitives and async generators.
 */
@NullMarked
package dev.coflow.aio;

import org.jspecify.annotations.NullMarked;
