/**
 * jcstress tests of the event loop's thread-safe entry points and what they drive: a {@link
 * dev.coflow.aio.Future} completed, called back and cancelled through {@code callSoonThreadsafe}, a
 * parked loop woken, {@code callSoonThreadsafe} against {@code close()}, a task cancelled against its
 * steps.
 */
@NullMarked
package dev.coflow.jcstress.aio;

import org.jspecify.annotations.NullMarked;
