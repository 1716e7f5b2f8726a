/**
 * Python generators on the JVM (PEP 255, 342, 380, 479): {@link dev.coflow.gen.Generator},
 * its body's {@link dev.coflow.gen.Yielder}, {@link dev.coflow.gen.StopIteration},
 * {@link dev.coflow.gen.GeneratorExit}, and {@link dev.coflow.gen.Iter} for Python's iteration rules.
 */
@NullMarked
package dev.coflow.gen;

import org.jspecify.annotations.NullMarked;
