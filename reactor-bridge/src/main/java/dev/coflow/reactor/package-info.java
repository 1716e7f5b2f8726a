/**
 * Reactor adapters for Coflow: {@link dev.coflow.reactor.CoReactor}.
 */
@NullMarked
package dev.coflow.reactor;

import org.jspecify.annotations.NullMarked;
