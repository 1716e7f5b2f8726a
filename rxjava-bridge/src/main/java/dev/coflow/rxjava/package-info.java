/**
 * Coflow in RxJava 3: the entry point is {@link dev.coflow.rxjava.CoRx}.
 */
@NullMarked
package dev.coflow.rxjava;

import org.jspecify.annotations.NullMarked;
