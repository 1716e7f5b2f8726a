package dev.coflow.engineprobe;

import dev.coflow.gen.Generator;

/**
 * Run in a fresh JVM by {@code EngineSelectionInFreshJvmTest}: starts a generator twice and prints what
 * happened each time. It lives in a package of its own so that it also runs from the class path while
 * Coflow is on the module path (a class-path class in one of Coflow's packages would be invisible).
 */
public final class EngineProbe {

    private EngineProbe() {}

    public static void main(String[] args) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Generator<Integer, Void, Void> g = Generator.of(y -> {
                    y.yield(1);
                    return null;
                });
                System.out.println("generator yielded " + g.next());
            } catch (Throwable t) { // the probe reports whatever a first use throws, Errors included
                System.out.println(t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
