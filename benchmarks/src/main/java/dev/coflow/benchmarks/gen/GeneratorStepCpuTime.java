package dev.coflow.benchmarks.gen;

import dev.coflow.gen.Generator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU nanoseconds per {@code next()} at {@code yieldFrom} depth 0, 1 and 5, measured with the
 * thread's CPU clock instead of the wall clock: on a shared, loaded machine it still gives the
 * single-threaded continuation engine's true cost (JMH's wall-clock figures then include the time the
 * thread waited for a core). Meaningless for the virtual-thread engine, whose body runs on another
 * thread. See benchmarks/README.md for the command.
 */
public final class GeneratorStepCpuTime {
    private GeneratorStepCpuTime() {}

    /**
     * Prints the best of five rounds of a million steps per depth, after two million warm-up steps.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int depth : new int[] {0, 1, 5}) {
            Generator<Object, Void, Void> g = GeneratorBenchmarks.nested(depth);
            for (int i = 0; i < 2_000_000; i++) {
                g.next();
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long start = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 1_000_000; i++) {
                    g.next();
                }
                best = Math.min(best, mx.getCurrentThreadCpuTime() - start);
            }
            System.out.printf("engine=%s yieldFrom depth %d: %.1f CPU ns per next()%n",
                    System.getProperty("coflow.engine", "default"), depth, best / 1e6);
            g.close();
        }
    }
}
