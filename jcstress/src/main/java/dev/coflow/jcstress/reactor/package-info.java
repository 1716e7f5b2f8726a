/** jcstress tests of the Reactor bridge's scheduler ({@code CoReactor.scheduler(loop)}): a worker's dispose vs schedule. */
@NullMarked
package dev.coflow.jcstress.reactor;

import org.jspecify.annotations.NullMarked;
