package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/python-semantics.md, section A (iteration protocol) through {@link Iter}.
 *
 * <p>Not applicable to Java, so not tested: A4 ({@code next()} of a non-iterator does not compile),
 * A6 and the first half of A13 (Java has no per-instance special methods or {@code __iter__ = None}).
 */
class IterationProtocolTest {

    /** A class with only {@code __getitem__}, as the seed's {@code Employee}. */
    static final class Employee implements IntFunction<String> {
        final List<String> names;
        final List<Integer> calls = new ArrayList<>();

        Employee(List<String> names) {
            this.names = names;
        }

        @Override
        public String apply(int i) {
            calls.add(i);
            return names.get(i);
        }
    }

    static final class Nothing {}

    static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void a1_iterableWhoseIteratorIsNullIsRejected() {
        Iterable<Integer> broken = () -> null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Iter.iter(broken));
        assertTrue(e.getMessage().startsWith("iter() returned non-iterator of type 'NoneType'"), e.getMessage());
    }

    @Test
    void a2_iterableGivesFreshIteratorsAndIteratorIsItsOwn() {
        List<Integer> list = List.of(1, 2);
        Iterator<?> first = Iter.iter(list);
        assertNotSame(first, Iter.iter(list));
        assertSame(first, Iter.iter(first));
        assertEquals(List.of(1, 2), drain(first));
        assertEquals(List.of(1, 2), drain(Iter.iter(list)));
    }

    @Test
    void a3_exhaustedIteratorRaisesStopIterationWithoutValue() {
        Iterator<Integer> it = List.<Integer>of().iterator();
        StopIteration end = assertThrows(StopIteration.class, () -> Iter.next(it));
        assertNull(end.value());
        assertEquals("d", Iter.next(Iter.iter(List.of()), "d"));
        assertEquals(List.of(), drain(it));
    }

    @Test
    void a5_neitherIterableNorIndexableIsNotIterable() {
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class, () -> Iter.iter(new Nothing()));
        assertTrue(nothing.getMessage().startsWith("'Nothing' object is not iterable"), nothing.getMessage());
        IllegalArgumentException five = assertThrows(IllegalArgumentException.class, () -> Iter.iter(5));
        assertTrue(five.getMessage().startsWith("'Integer' object is not iterable"), five.getMessage());
        assertFalse(Iter.isIterable(5));
        assertFalse(Iter.isIterable(new Nothing()));
        assertFalse(Iter.isIterable(null));
    }

    @Test
    void a7_getItemFallbackIsIterableWithoutCallingIt() {
        Employee emp = new Employee(List.of("Tom", "Bob", "Jack"));
        assertTrue(Iter.isIterable(emp));
        Iter.iter(emp);
        assertEquals(List.of(), emp.calls);
    }

    @Test
    void a8_fallbackCallsIndexesUntilIndexOutOfBounds() {
        Employee emp = new Employee(List.of("Tom", "Bob", "Jack"));
        assertEquals(List.of("Tom", "Bob", "Jack"), drain(Iter.iter(emp)));
        assertEquals(List.of(0, 1, 2, 3), emp.calls);
    }

    @Test
    void a9_stopIterationAlsoEndsTheFallbackAndOtherExceptionsPropagate() {
        IntFunction<Integer> stops = i -> {
            if (i == 2) {
                throw new StopIteration();
            }
            return i * 10;
        };
        assertEquals(List.of(0, 10), drain(Iter.iter(stops)));

        IllegalStateException keyError = new IllegalStateException("KeyError(2)");
        IntFunction<Integer> fails = i -> {
            if (i == 2) {
                throw keyError;
            }
            return i;
        };
        Iterator<?> it = Iter.iter(fails);
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        assertSame(keyError, assertThrows(IllegalStateException.class, it::hasNext));
    }

    @Test
    void a10_getItemOnlyObjectIsNotAnIterableButIterAcceptsIt() {
        Object emp = new Employee(List.of("x"));
        assertFalse(emp instanceof Iterable<?>);
        assertTrue(Iter.isIterable(emp));
    }

    @Test
    void a11_fallbackIsLazySoAMembershipSearchStopsAtTheFirstMatch() {
        Employee abc = new Employee(List.of("a", "b", "c"));
        Iterator<?> it = Iter.iter(abc);
        boolean found = false;
        while (!found && it.hasNext()) {
            found = it.next().equals("b");
        }
        assertTrue(found);
        assertEquals(List.of(0, 1), abc.calls);
    }

    @Test
    void a12_fallbackIteratorStaysExhaustedWhenTheSequenceGrows() {
        List<String> names = new ArrayList<>(List.of("x"));
        Iterator<?> it = Iter.iter((IntFunction<String>) names::get);
        assertEquals(List.of("x"), drain(it));
        names.add("y");
        assertFalse(it.hasNext());
        assertThrows(StopIteration.class, () -> Iter.next(it));
    }

    /** Both iterable and indexable: the Iterable side wins, as {@code __iter__} wins over {@code __getitem__}. */
    static final class Both implements Iterable<String>, IntFunction<String> {
        int getItemCalls;

        @Override
        public Iterator<String> iterator() {
            return List.of("from iterator").iterator();
        }

        @Override
        public String apply(int i) {
            getItemCalls++;
            return "from getitem";
        }
    }

    @Test
    void a13_iterableWinsOverTheGetItemFallback() {
        Both both = new Both();
        assertEquals(List.of("from iterator"), drain(Iter.iter(both)));
        assertEquals(0, both.getItemCalls);
    }

    @Test
    void a14_callableAndSentinelStopsAtTheSentinelWithoutYieldingIt() {
        Iterator<Integer> source = List.of(1, 2, 0, 3).iterator();
        List<Integer> calls = new ArrayList<>();
        Iterator<Integer> it = Iter.iter(() -> {
            Integer v = source.next();
            calls.add(v);
            return v;
        }, 0);
        assertEquals(List.of(1, 2), drain(it));
        assertEquals(List.of(1, 2, 0), calls);
        assertThrows(StopIteration.class, () -> Iter.next(it));
    }

    @Test
    void a15_stopIterationCarriesItsValue() {
        assertEquals(1, new StopIteration(1).value());
        assertEquals("spam", new StopIteration("spam").value());
        assertNull(new StopIteration().value());
    }

    @Test
    void a16_stopIterationIsAnExceptionAndGeneratorExitIsNot() {
        assertTrue(Exception.class.isAssignableFrom(StopIteration.class));
        assertFalse(Exception.class.isAssignableFrom(GeneratorExit.class));
        assertTrue(Error.class.isAssignableFrom(GeneratorExit.class));
    }

    @Test
    void a17_customIteratorMayResumeButGeneratorsStayExhausted() {
        Iterator<Integer> flaky = new Iterator<>() {
            int calls;

            @Override
            public boolean hasNext() {
                return ++calls != 2;
            }

            @Override
            public Integer next() {
                return calls;
            }
        };
        assertEquals(1, Iter.next(flaky));
        assertThrows(StopIteration.class, () -> Iter.next(flaky));
        assertEquals(3, Iter.next(flaky));

        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(1);
            return null;
        });
        assertEquals(List.of(1), drain(g.iterator()));
        assertThrows(StopIteration.class, g::next);
        assertFalse(g.iterator().hasNext());
    }

    @Test
    void iterAcceptsTheJavaShapesOfPythonIterables() {
        Map<String, Integer> dict = new LinkedHashMap<>();
        dict.put("name", 1);
        dict.put("age", 2);
        assertEquals(List.of("name", "age"), drain(Iter.iter(dict)));
        assertEquals(List.of("X", "i"), drain(Iter.iter("Xi")));
        assertEquals(List.of(1, 2), drain(Iter.iter(new int[] {1, 2})));
        assertEquals(List.of(4, 5), drain(Iter.iter(Stream.of(4, 5))));
        assertEquals(List.of(6), drain(Iter.iter(List.of(6).spliterator())));
    }
}
