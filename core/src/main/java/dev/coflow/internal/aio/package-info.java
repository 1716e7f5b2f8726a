/**
 * Coflow internals of {@code dev.coflow.aio}: the Reactive Streams side of asyncio objects (a future as a
 * Publisher, and the demand arithmetic it shares with {@code PublisherIterator} and the Publishers of
 * {@code dev.coflow.stream}). It sits in asyncio's layer, so asyncio never depends on
 * {@code dev.coflow.stream}. Not exported, not an API.
 */
@NullMarked
package dev.coflow.internal.aio;

import org.jspecify.annotations.NullMarked;
