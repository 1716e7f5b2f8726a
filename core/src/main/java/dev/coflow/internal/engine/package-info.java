/** Coflow internals: not exported from the module, not an API. */
@NullMarked
package dev.coflow.internal.engine;

import org.jspecify.annotations.NullMarked;
