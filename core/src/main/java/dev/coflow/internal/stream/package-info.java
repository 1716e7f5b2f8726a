/** Coflow internals of {@code dev.coflow.stream}: the Publishers behind {@code Publishers}; not exported, not an API. */
@NullMarked
package dev.coflow.internal.stream;

import org.jspecify.annotations.NullMarked;
