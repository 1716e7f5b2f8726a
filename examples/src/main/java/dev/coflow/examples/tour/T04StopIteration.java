package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.getgeneratorstate;
import static dev.coflow.examples.tour.Py.list;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.repr;

import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;
import dev.coflow.gen.StopIteration;
import java.util.List;
import java.util.Objects;

/**
 * Topic 04, {@link StopIteration} (seed: 4. 生成器的异常处理): a generator ends by returning, and its
 * return value travels in {@link StopIteration#value()}. The seed ends {@code mygen} with
 * {@code raise StopIteration}; since PEP 479 (Python 3.7) that becomes
 * {@code RuntimeError: generator raised StopIteration}, a {@link RuntimeException} here, as it is in
 * Coflow.
 *
 * <pre>{@code
 * try { g.next(); } catch (StopIteration e) { e.value(); }   // the body's return value
 * }</pre>
 */
public final class T04StopIteration {
    private T04StopIteration() {}

    // Modern form of the seed's mygen: fall off the end (or return).
    static Generator<Integer, Object, Void> mygen(int n) {
        return Generator.of(y -> {
            int now = 0;
            while (now < n) {
                y.yield(now);
                now += 1;
            }
            return null;  // not `throw new StopIteration()`
        });
    }

    // The return value travels in StopIteration.value().
    static Generator<String, Object, String> withResult() {
        return Generator.of(y -> {
            y.yield("a");
            return "the result";
        });
    }

    // The seed's code as written.
    static Generator<Integer, Object, Void> mygenSeed(int n) {
        return Generator.of(y -> {
            int now = 0;
            while (now < n) {
                y.yield(now);
                now += 1;
            }
            throw new StopIteration();
        });
    }

    // The classic hidden bug: next() on an empty iterator inside a generator.
    static Generator<Object, Object, Void> firstOfEach(Object... iterables) {
        return Generator.of(y -> {
            for (Object it : iterables) {
                y.yield(Iter.next(Iter.iter(it)));
            }
            return null;
        });
    }

    // Python's e.args: (value,) when the generator returned a value, () otherwise.
    static String args(StopIteration e) {
        return e.value() == null ? "()" : "(" + repr(e.value()) + ",)";
    }

    /** Prints what {@code seed/04-stop-iteration.py} prints. */
    public static void main(String[] args) {
        Generator<Integer, Object, Void> gen = mygen(2);
        print(gen.next());
        print(gen.next());
        try {
            gen.next();
        } catch (StopIteration e) {
            print(String.format("StopIteration, args=%s value=%s", args(e), Py.str(e.value())));
        }
        // Once exhausted it stays exhausted.
        try {
            gen.next();
        } catch (StopIteration e) {
            print("StopIteration again");
        }

        Generator<String, Object, String> g = withResult();
        print(g.next());
        try {
            g.next();
        } catch (StopIteration e) {
            print("StopIteration.value =", repr(e.value()));
        }
        // for / list() swallow StopIteration and discard the value.
        print("list:", list(withResult()));

        gen = mygenSeed(2);
        print(gen.next());
        print(gen.next());
        try {
            gen.next();
        } catch (RuntimeException e) {
            Throwable cause = Objects.requireNonNull(e.getCause(), "PEP 479 chains the StopIteration");
            print(String.format("RuntimeError: %s (cause: %s)", e.getMessage(), cause.getClass().getSimpleName()));
        }
        print("state:", getgeneratorstate(gen));

        // Also through list(): the error is not swallowed like a normal end.
        try {
            list(mygenSeed(3));
        } catch (RuntimeException e) {
            print("list(mygen_seed(3)) -> RuntimeError:", e.getMessage());
        }

        try {
            print(list(firstOfEach(List.of(1, 2), List.of(), List.of(3))));
        } catch (RuntimeException e) {
            print("first_of_each -> RuntimeError:", e.getMessage());
        }
    }
}
