package dev.coflow.stream.stress;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small race harness in the manner of jcstress: each round makes a fresh state, releases every actor
 * at once on its own thread (they spin on a round counter instead of parking, so that they really
 * overlap), waits for all of them, then checks the state.
 */
final class Race {

    private Race() {}

    @SafeVarargs
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield in the spins: two cores shared with other work
    static <S> void run(int rounds, Supplier<S> setup, Consumer<S> check, Consumer<S>... actors) throws Throwable {
        AtomicReference<S> state = new AtomicReference<>();
        AtomicInteger round = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[actors.length - 1];
        for (int k = 1; k < actors.length; k++) {
            Consumer<S> actor = actors[k];
            workers[k - 1] = Thread.ofPlatform().name("race-actor-" + k).daemon().start(() -> {
                for (int r = 1; r <= rounds; r++) {
                    while (round.get() < r) {
                        Thread.onSpinWait();
                        Thread.yield(); // two cores shared with other work: let the others run
                    }
                    act(actor, state.get(), failure);
                    finished.incrementAndGet();
                }
            });
        }
        try {
            for (int r = 1; r <= rounds && failure.get() == null; r++) {
                state.set(setup.get());
                finished.set(0);
                round.set(r);
                act(actors[0], state.get(), failure);
                while (finished.get() < workers.length) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                if (failure.get() == null) {
                    check.accept(state.get());
                }
            }
        } finally {
            round.set(Integer.MAX_VALUE);
            for (Thread w : workers) {
                w.join();
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t;
        }
    }

    private static <S> void act(Consumer<S> actor, S state, AtomicReference<Throwable> failure) {
        // A random head start varies the interleavings from round to round.
        for (int i = ThreadLocalRandom.current().nextInt(64); i > 0; i--) {
            Thread.onSpinWait();
        }
        try {
            actor.accept(state);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    /**
     * Waits until {@code condition} holds: a stream's drain runs on a Coflow virtual thread and may still
     * be finishing when the racing threads have returned. Fails after 10 s; never a fixed sleep.
     */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the drain's thread, that ends the wait, may need the core
    static void settle(java.util.function.BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > java.util.concurrent.TimeUnit.SECONDS.toNanos(10)) {
                throw new AssertionError("still not true after 10 s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
