/**
 * jcstress tests of Coflow's shared state machines, and {@link dev.coflow.jcstress.CheckedRun}, which
 * runs them and fails on any outcome they forbid. See the module's README.md.
 */
@NullMarked
package dev.coflow.jcstress;

import org.jspecify.annotations.NullMarked;
