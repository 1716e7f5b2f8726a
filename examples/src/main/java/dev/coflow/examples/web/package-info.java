/**
 * A Spring WebFlux application whose handlers return Python-style generators, async generators,
 * coroutines and tasks as they are (through {@code coflow-spring}): a generator streamed with the HTTP
 * client's backpressure ({@link dev.coflow.examples.web.NumbersController}), an async generator awaiting
 * between its yields ({@link dev.coflow.examples.web.TickerController}), a coroutine gathering downstream
 * calls concurrently ({@link dev.coflow.examples.web.QuoteController}), a task shared by every request
 * ({@link dev.coflow.examples.web.CatalogController}), and clear 400s for bad requests
 * ({@link dev.coflow.examples.web.BadRequests}); and a request id in SLF4J's MDC of every line a coroutine,
 * generator or async generator logs ({@link dev.coflow.examples.web.RequestIdFilter},
 * {@link dev.coflow.examples.web.ContextController}). Start it with {@link dev.coflow.examples.web.WebApplication};
 * its page at {@code /} (the static resources {@code static/index.html}, {@code live.js}, {@code live.css})
 * shows the generator keeping pace with the browser, the ticker and the quote live.
 */
@NullMarked
package dev.coflow.examples.web;

import org.jspecify.annotations.NullMarked;
