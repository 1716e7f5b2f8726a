/**
 * Coflow internals of {@code dev.coflow.aio}: the Reactive Streams side of asyncio objects (a future as a
 * Publisher, and the demand arithmetic it shares with {@code PublisherIterator} and the Publishers of
 * {@code dev.coflow.stream}), and the loop mechanisms the Reactor and RxJava bridges share (a coroutine's
 * task per subscriber, {@code TaskRun}; a scheduler's task on the loop, {@code ScheduledAction}), so
 * that each bridge keeps only its library's glue. It sits in asyncio's layer, so asyncio never depends
 * on {@code dev.coflow.stream}. Not an API: exported to the two bridge modules only.
 */
@NullMarked
package dev.coflow.internal.aio;

import org.jspecify.annotations.NullMarked;
