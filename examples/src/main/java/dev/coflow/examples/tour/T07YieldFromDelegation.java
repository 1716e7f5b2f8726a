package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.getgeneratorstate;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorExit;
import dev.coflow.gen.Iter;
import dev.coflow.gen.StopIteration;
import java.util.Objects;

/**
 * Topic 07, why {@code yield from} (seed: 3. 为什么要使用yield from / 3.1 因为它可以帮我们处理异常 / 2.2
 * 复杂应用：生成器的嵌套): the caller, the delegating generator ({@code proxyGen}) and the subgenerator
 * ({@code averageGen}); what {@link dev.coflow.gen.Yielder#yieldFrom} saves us from writing by hand;
 * {@link Generator#throwInto} and {@link Generator#close()} reaching the innermost generator; and a
 * three-level chain followed through {@link Generator#yieldingFrom()} (Python's {@code gi_yieldfrom}).
 *
 * <p>One line differs from CPython's output (see {@code seed/07-yield-from-delegation.java.out}): Java
 * generators have no function name ({@code gi_code.co_name}).
 *
 * <p>Not thread-safe: {@code main} keeps the outermost generator in a static field, as the Python keeps it
 * in a global.
 *
 * <pre>{@code
 * Averaged r = y.yieldFrom(averageGen());   // total, count, average = yield from average_gen()
 * }</pre>
 */
public final class T07YieldFromDelegation {
    private T07YieldFromDelegation() {}

    /** What average_gen returns: Python's tuple (total, count, average). */
    record Averaged(int total, int count, Number average) {}

    // Subgenerator
    static Generator<Number, Integer, Averaged> averageGen() {
        return Generator.of(y -> {
            int total = 0;
            int count = 0;
            Number average = 0;
            while (true) {
                Integer newNum = y.yield(average);
                if (newNum == null) {
                    break;
                }
                count += 1;
                total += newNum;
                average = (double) total / count;
            }
            // every return ends the current subgenerator
            return new Averaged(total, count, average);
        });
    }

    // Delegating generator
    static Generator<Number, Integer, Void> proxyGen() {
        return Generator.of(y -> {
            while (true) {
                // the left-hand side is only assigned when the subgenerator returns
                Averaged r = Objects.requireNonNull(y.yieldFrom(averageGen()));
                print(String.format("done: count=%d total=%d average=%s", r.count(), r.total(), str(r.average())));
            }
        });
    }

    // Caller
    static void caller() {
        Generator<Number, Integer, Void> calcAverage = proxyGen();
        print(calcAverage.next());          // prime the coroutine: 0
        print(calcAverage.send(10));        // 10.0
        print(calcAverage.send(20));        // 15.0
        print(calcAverage.send(30));        // 20.0
        // ends the subgenerator; proxyGen's while loop starts a fresh averageGen, which yields 0
        print(calcAverage.send(null));
        print(calcAverage.send(5));         // 5.0: a new average
    }

    // What yieldFrom does for us, written by hand (simplified PEP 380 expansion: send + throw).
    static Generator<Number, Integer, Void> proxyGenByHand() {
        return Generator.of(y -> {
            Generator<Number, Integer, Averaged> sub = averageGen();
            Number value = sub.next();
            Object result;
            while (true) {
                Integer sent;
                try {
                    sent = y.yield(value);
                } catch (GeneratorExit e) {
                    sub.close();
                    throw e;
                } catch (Throwable exc) {
                    try {
                        value = sub.throwInto(exc);
                        continue;
                    } catch (StopIteration stop) {
                        result = stop.value();
                        break;
                    }
                }
                try {
                    value = sub.send(sent);
                } catch (StopIteration stop) {
                    result = stop.value();
                    break;
                }
            }
            Averaged r = (Averaged) Objects.requireNonNull(result);
            print(String.format("by hand done: count=%d total=%d average=%s", r.count(), r.total(), str(r.average())));
            return null;
        });
    }

    // Exceptions travel through yieldFrom: throwInto() reaches the innermost yield.
    static Generator<String, Object, Void> sub() {
        return Generator.of(y -> {
            try {
                while (true) {
                    try {
                        Object x = y.yield("sub ready");
                        print("  sub got", x);
                    } catch (ValueError e) {
                        print("  sub handled ValueError:", e.getMessage());
                        y.yield("sub recovered");
                    }
                }
            } finally {
                print("  sub finally");
            }
        });
    }

    @SuppressWarnings("VoidUsed") // prints what yield from returned (null, Python's None), as the Python does
    static Generator<String, Object, Void> outer() {
        return Generator.of(y -> {
            try {
                Void result = y.yieldFrom(sub());
                print("  outer got", result);
            } finally {
                print("  outer finally");
            }
            return null;
        });
    }

    // Nested generators: outermost -> middle -> inner.
    static final Generator<?, ?, ?>[] root = new Generator<?, ?, ?>[1];  // lets inner look at the outermost generator

    static Generator<String, Object, String> inner() {
        return Generator.of(y -> {
            Object x = y.yield("inner-1");
            y.yield("outermost seen from inner: " + getgeneratorstate(root[0]));
            return "inner-ret(" + str(x) + ")";
        });
    }

    static Generator<String, Object, String> middle() {
        return Generator.of(y -> {
            String r = y.yieldFrom(inner());
            return "middle-ret(" + r + ")";
        });
    }

    static Generator<String, Object, Void> outermost() {
        return Generator.of(y -> {
            String r = y.yieldFrom(middle());
            y.yield("outer got " + r);
            return null;
        });
    }

    /** Prints what {@code seed/07-yield-from-delegation.py} prints (one line differs, see the class comment). */
    public static void main(String[] args) {
        caller();

        Generator<Number, Integer, Void> h = proxyGenByHand();
        print(h.next(), h.send(10), h.send(20), h.send(30));
        print(Iter.next(h.iterator(), "END"));

        Generator<String, Object, Void> g = outer();
        print(g.next());
        print(g.send(1));
        print(g.throwInto(new ValueError("bad value")));   // caught in sub, which yields
        print(g.next());
        try {
            g.throwInto(new KeyError("nobody catches this"));  // unwinds sub, then outer
        } catch (KeyError e) {
            print("caller got KeyError:", e.getMessage());
        }
        print("outer state:", getgeneratorstate(g));

        // close() closes the subgenerator first, then the delegator.
        g = outer();
        g.next();
        g.close();
        print("closed:", getgeneratorstate(g));

        Generator<String, Object, Void> o = outermost();
        root[0] = o;
        print(o.next());
        Generator<?, ?, ?> m = (Generator<?, ?, ?>) o.yieldingFrom().orElseThrow();
        Generator<?, ?, ?> i = (Generator<?, ?, ?>) m.yieldingFrom().orElseThrow();
        // Python prints the generator functions' names (gi_code.co_name); a Java generator has none.
        print("chain:", o, "->", m, "->", i);
        print("states:", getgeneratorstate(o), getgeneratorstate(m), getgeneratorstate(i));
        print(o.send("B"));     // the outermost is GEN_RUNNING while the innermost runs
        print(o.next());        // inner and middle return, outer continues
        print("states:", getgeneratorstate(o), getgeneratorstate(m), getgeneratorstate(i));
        print(Iter.next(o.iterator(), "END"));
    }
}
