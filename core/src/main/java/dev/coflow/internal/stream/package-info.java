/** Coflow internals shared by every Reactive Streams Publisher: not exported, not an API. */
@NullMarked
package dev.coflow.internal.stream;

import org.jspecify.annotations.NullMarked;
