package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.iterable;
import static dev.coflow.examples.tour.Py.list;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;
import dev.coflow.gen.StopIteration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Topic 01, iterables and iterators (seed: 关于可迭代对象，有几点需要补充说明): what {@code iter()}
 * accepts, the {@code __getitem__} fallback (an {@link IntFunction} in Java), deciding iterability by
 * trying, and lazy iterators. Coflow's {@link Iter} is Python's {@code iter()}/{@code next()}.
 *
 * <p>Two lines differ from CPython's output (see {@code seed/01-iterables.java.out}): {@code next(list)}
 * does not compile in Java, and {@code Iter}'s "not iterable" message lists what it accepts.
 *
 * <pre>{@code
 * Iter.isIterable(emp);              // true: emp is only an IntFunction (Python's __getitem__)
 * for (Object name : iterable(emp))  // emp.apply(0), apply(1), ... until IndexOutOfBoundsException
 * }</pre>
 */
public final class T01Iterables {
    private T01Iterables() {}

    // collections.abc's isinstance checks, for Java objects.
    // Iterable: the type has its own iterator (Python's __iter__): iter() takes it without the
    // __getitem__ fallback (an IntFunction), which isinstance does not see either.
    static boolean isinstanceIterable(Object obj) {
        return Iter.isIterable(obj) && !(obj instanceof IntFunction<?>);
    }

    // Iterator: it is its own iterator, iter(x) is x (a Generator hands out one and the same iterator).
    @SuppressWarnings("IdentityBinaryExpression") // two calls: one object twice only for an iterator
    static boolean isinstanceIterator(Object obj) {
        return Iter.isIterable(obj) && Iter.iter(obj) == Iter.iter(obj);
    }

    static void show(String label, Object obj) {
        // the seed's table: is it an Iterable / Iterator / Generator?
        print(String.format("%s: Iterable=%s Iterator=%s Generator=%s", label,
                str(isinstanceIterable(obj)), str(isinstanceIterator(obj)), str(obj instanceof Generator<?, ?, ?>)));
    }

    // The seed's advice: decide by really calling iter() (Iter.isIterable does exactly this).
    static boolean isIterable(Object obj) {
        try {
            Iter.iter(obj);
            return true;
        } catch (IllegalArgumentException typeError) {
            return false;
        }
    }

    static final class Nothing {}

    /** Only __getitem__ (IntFunction.apply), no __iter__: iter() falls back to indexing from 0 until IndexError. */
    static final class Employee implements IntFunction<String> {
        final List<String> names;
        final List<Integer> calls = new ArrayList<>();

        Employee(List<String> names) {
            this.names = names;
        }

        @Override
        public String apply(int i) {
            calls.add(i);
            return names.get(i);   // throws IndexOutOfBoundsException past the end
        }
    }

    // Java's dir(): the public method names (__iter__ is iterator(), __getitem__ is IntFunction's apply).
    static Set<String> dir(Object obj) {
        return Arrays.stream(obj.getClass().getMethods()).map(m -> m.getName()).collect(Collectors.toSet());
    }

    // Iterators are lazy too (the seed claims only generators are): values are made on demand.
    static final class Countdown implements Iterator<Integer> {
        int n;

        Countdown(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return n > 0;
        }

        @Override
        public Integer next() {
            if (n <= 0) {
                throw new StopIteration();
            }
            print("  computing", n);
            n -= 1;
            return n + 1;
        }
    }

    /** Prints what {@code seed/01-iterables.py} prints (two lines differ, see the class comment). */
    public static void main(String[] args) {
        String astr = "XiaoMing";
        List<Integer> alist = List.of(21, 23, 32, 19);
        Map<String, Object> adict = new LinkedHashMap<>();
        adict.put("name", "wangbm");
        adict.put("gender", "male");
        adict.put("age", 18);
        Deque<String> adeque = new ArrayDeque<>(List.of("a", "b", "c", "d", "e", "f", "g"));
        Iterator<?> aIterator = Iter.iter(astr);
        Generator<Integer, Void, Void> agen = Generator.of(y -> {
            for (int x = 0; x < 3; x++) {
                y.yield(x * x);
            }
            return null;
        });

        show("str", astr);
        show("list", alist);
        show("dict", adict);
        show("deque", adeque);
        show("iter(str)", aIterator);
        show("generator", agen);

        // An iterator is its own iterator; an iterable gives a fresh one each time.
        print("iter(aIterator) is aIterator:", Iter.iter(aIterator) == aIterator);
        @SuppressWarnings("IdentityBinaryExpression") // two calls, two fresh iterators: false, as in Python
        boolean sameIterator = Iter.iter(alist) == Iter.iter(alist);
        print("iter(alist) is iter(alist):", sameIterator);
        // Python: next(alist) -> TypeError. Java's types reject it before it runs: Iter.next(alist) does not compile.
        print("next(list) -> does not compile: Iter.next takes an Iterator, and a List is not one");

        Employee emp = new Employee(List.of("Tom", "Bob", "Jack"));
        print("'__iter__' in dir(emp):", dir(emp).contains("iterator"));
        print("'__getitem__' in dir(emp):", dir(emp).contains("apply"));
        print("isIterable(emp):", isIterable(emp));
        print("__getitem__ calls made by iter():", emp.calls);
        print("isinstance(emp, Iterable):", isinstanceIterable(emp));
        for (Object name : iterable(emp)) {
            print("for loop got:", name);
        }
        print("__getitem__ calls made by the for loop:", emp.calls);
        print("list(Employee):", list(new Employee(List.of("x", "y"))));

        print("isIterable(5):", isIterable(5));
        print("isIterable(Nothing()):", isIterable(new Nothing()));
        print("isIterable(\"abc\"):", isIterable("abc"));
        try {
            for (Object ignored : iterable(new Nothing())) {
                print(ignored);
            }
        } catch (IllegalArgumentException typeError) {
            print("for over Nothing() -> TypeError:", typeError.getMessage());
        }

        Iterator<Integer> it = new Countdown(2);
        print("Countdown created, nothing computed yet");
        print("next ->", Iter.next(it));
        print("next ->", Iter.next(it));
        print("next with default ->", Iter.next(it, "END"));
    }
}
