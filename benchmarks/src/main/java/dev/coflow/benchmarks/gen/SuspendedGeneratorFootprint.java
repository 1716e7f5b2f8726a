package dev.coflow.benchmarks.gen;

import dev.coflow.gen.Generator;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * How many heap bytes a suspended generator retains: starts N small generators (each suspended at
 * its first yield inside a loop), and prints the live-heap growth per generator with its breakdown
 * ({@link LiveHeap}). The engine is the JVM's (set it
 * with {@code -Dcoflow.engine}); see benchmarks/README.md for the command.
 */
public final class SuspendedGeneratorFootprint {
    private SuspendedGeneratorFootprint() {}

    /**
     * Prints the bytes per suspended generator.
     *
     * @param args optionally the number of generators (default 100000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        warmUp();
        List<Generator<Integer, Void, Void>> suspended = new ArrayList<>(n);
        try {
            LiveHeap before = LiveHeap.snapshot();
            for (int i = 0; i < n; i++) {
                Generator<Integer, Void, Void> g = endless();
                g.next();
                suspended.add(g);
            }
            System.out.printf("engine=%s generators=%d suspended: %s", System.getProperty("coflow.engine", "default"),
                    n, LiveHeap.snapshot().growthSince(before, n));
        } finally {
            Reference.reachabilityFence(suspended);
        }
    }

    /** Runs the same code long enough to be compiled, as it is in a steady-state application. */
    private static void warmUp() {
        for (int i = 0; i < 200_000; i++) {
            Generator<Integer, Void, Void> g = endless();
            for (int k = 0; k < 10; k++) {
                g.next();
            }
            g.close();
        }
    }

    private static Generator<Integer, Void, Void> endless() {
        return Generator.of(y -> {
            for (int k = 0; ; k++) {
                y.yield(k);
            }
        });
    }
}
