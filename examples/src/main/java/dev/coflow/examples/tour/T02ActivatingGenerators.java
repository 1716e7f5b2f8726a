package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.getgeneratorstate;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.typeName;

import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;

/**
 * Topic 02, activating a generator (seed: 2. 如何运行/激活生成器): {@code next()} and {@code send(None)}
 * start it and are interchangeable; a real value sent before the first {@code yield} is refused (Python's
 * {@code TypeError}, an {@link IllegalArgumentException} here) and the generator stays usable.
 *
 * <pre>{@code
 * Generator<Integer, Object, Void> gen = mygen(4);   // runs nothing yet
 * gen.send(null);                                    // 0, same as gen.next()
 * }</pre>
 */
public final class T02ActivatingGenerators {
    private T02ActivatingGenerators() {}

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

    /** Prints what {@code seed/02-activating-generators.py} prints. */
    public static void main(String[] args) {
        // Calling a generator function runs no body code; it returns a generator object.
        Generator<Integer, Object, Void> gen = mygen(4);
        print("type:", typeName(gen));

        // The seed alternates the two ways to show they are equivalent.
        print(gen.send(null));
        print(gen.next());
        print(gen.send(null));
        print(gen.next());
        print("exhausted:", Iter.next(gen.iterator(), "END"));

        // A generator expression is activated the same way.
        Generator<Integer, Void, Void> squares = Generator.of(y -> {
            for (int x = 0; x < 3; x++) {
                y.yield(x * x);
            }
            return null;
        });
        print("genexp:", squares.next(), squares.send(null), squares.next());

        // send() of a real value before the first yield is an error.
        gen = mygen(2);
        try {
            gen.send("hello");
        } catch (IllegalArgumentException typeError) {
            print("TypeError:", typeError.getMessage());
        }
        print("state after the failed send:", getgeneratorstate(gen));
        print("can still be started:", gen.next());
    }
}
