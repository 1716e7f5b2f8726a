package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.getgeneratorstate;
import static dev.coflow.examples.tour.Py.list;
import static dev.coflow.examples.tour.Py.print;

import dev.coflow.gen.Generator;
import java.util.Objects;

/**
 * Topic 03, the four generator states (seed: 3. 生成器的执行状态): {@code CREATED}, {@code RUNNING},
 * {@code SUSPENDED}, {@code CLOSED} from {@link Generator#state()}. The seed says {@code GEN_RUNNING} is
 * only seen by other threads; a generator sees it single-threaded, from inside its own body.
 *
 * <pre>{@code
 * Generator<Integer, Object, Void> gen = mygen(2);
 * gen.state();   // CREATED; after gen.next(): SUSPENDED; after gen.close(): CLOSED
 * }</pre>
 */
public final class T03GeneratorStates {
    private T03GeneratorStates() {}

    static Generator<Integer, Object, Void> mygen(int n) {
        return Generator.of(y -> {
            int now = 0;
            while (now < n) {
                y.yield(now);
                now += 1;
            }
            return null;
        });
    }

    // GEN_RUNNING, seen from inside: the generator inspects itself while it executes.
    static Generator<String, Object, Void> selfaware() {
        return Generator.of(y -> {
            Generator<?, ?, ?> me = (Generator<?, ?, ?>) Objects.requireNonNull(y.yield("give me myself"));
            y.yield("inside: " + getgeneratorstate(me));
            return null;
        });
    }

    /** Prints what {@code seed/03-generator-states.py} prints. */
    public static void main(String[] args) {
        // The seed's example.
        Generator<Integer, Object, Void> gen = mygen(2);
        print(getgeneratorstate(gen));
        print(gen.next());
        print(getgeneratorstate(gen));
        print(gen.next());
        gen.close();  // close / finish the generator by hand
        print(getgeneratorstate(gen));

        Generator<String, Object, Void> g = selfaware();
        print(g.next());
        print(g.send(g));
        print("outside:", getgeneratorstate(g));

        // A generator that runs off its end is closed too.
        gen = mygen(1);
        print(list(gen));
        print(getgeneratorstate(gen));

        // close() on a generator that never started goes straight to GEN_CLOSED.
        gen = mygen(3);
        gen.close();
        print("closed before start:", getgeneratorstate(gen));
    }
}
