/** jcstress tests of the RxJava bridge's scheduler ({@code CoRx.scheduler(loop)}): a worker's dispose vs schedule. */
@NullMarked
package dev.coflow.jcstress.rxjava;

import org.jspecify.annotations.NullMarked;
