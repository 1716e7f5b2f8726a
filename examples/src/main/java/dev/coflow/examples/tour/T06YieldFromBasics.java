package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.iterable;
import static dev.coflow.examples.tour.Py.list;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.repr;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Topic 06, {@code yield from} (seed: 2. yield from的用法详解): {@link dev.coflow.gen.Yielder#yieldAll}
 * yields every item of an iterable in one line, and {@link dev.coflow.gen.Yielder#yieldFrom} delegates to
 * a subgenerator as a two-way channel: the caller's {@code send} reaches the subgenerator, and its return
 * value comes back as {@code yieldFrom}'s result.
 *
 * <pre>{@code
 * String result = y.yieldFrom(echo());   // result = yield from echo()
 * }</pre>
 */
public final class T06YieldFromBasics {
    private T06YieldFromBasics() {}

    // With plain yield: two nested loops.
    static Generator<Object, Void, Void> gen(Object... args) {
        return Generator.of(y -> {
            for (Object item : args) {
                for (Object i : iterable(item)) {
                    y.yield(i);
                }
            }
            return null;
        });
    }

    // With yield from: one line does the inner loop. (Python redefines gen; Java needs a new name.)
    static Generator<Object, Void, Void> genYieldFrom(Object... args) {
        return Generator.of(y -> {
            for (Object item : args) {
                y.yieldAll(iterable(item));
            }
            return null;
        });
    }

    static Generator<Integer, Void, Void> agen() {
        return Generator.of(y -> {
            for (int i = 4; i < 8; i++) {
                y.yield(i);
            }
            return null;
        });
    }

    // yield from is a two-way channel: send() from the caller goes straight to the subgenerator,
    // and what the subgenerator yields goes straight back to the caller.
    static Generator<String, Object, String> echo() {
        return Generator.of(y -> {
            Object received = null;
            while (true) {
                received = y.yield("echo: " + str(received));
                if ("stop".equals(received)) {
                    return "echo stopped";
                }
            }
        });
    }

    static Generator<String, Object, Void> delegator() {
        return Generator.of(y -> {
            String result = y.yieldFrom(echo());
            print("  delegator got return value:", repr(result));
            y.yield("delegator continues");
            return null;
        });
    }

    /** Prints what {@code seed/06-yield-from-basics.py} prints. */
    public static void main(String[] args) {
        String astr = "ABC";                        // string
        List<Integer> alist = List.of(1, 2, 3);     // list
        Map<String, Object> adict = new LinkedHashMap<>();   // dict (iterates over keys, in insertion order)
        adict.put("name", "wangbm");
        adict.put("age", 18);

        Generator<Object, Void, Void> newList = gen(astr, alist, adict, agen());
        print(list(newList));

        newList = genYieldFrom(astr, alist, adict, agen());
        print(list(newList));

        // Java's itertools.chain: a stream of streams, flattened.
        print(Stream.of(astr, alist, adict, agen())
                .flatMap(item -> StreamSupport.stream(iterable(item).spliterator(), false))
                .toList());

        Generator<String, Object, Void> d = delegator();
        print(d.next());
        print(d.send("hello"));
        print(d.send(42));
        print(d.send("stop"));
        print(Iter.next(d.iterator(), "END"));
    }
}
