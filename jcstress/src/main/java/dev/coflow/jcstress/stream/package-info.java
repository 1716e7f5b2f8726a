/**
 * jcstress tests of the Publishers over generators and async generators ({@code Publishers.from}):
 * demand accounting against {@code cancel()}, requests from two threads, a request waking a waiting pump.
 */
@NullMarked
package dev.coflow.jcstress.stream;

import org.jspecify.annotations.NullMarked;
