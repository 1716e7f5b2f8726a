package dev.coflow.gen;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.BaseStream;
import org.jspecify.annotations.Nullable;

/**
 * Python's iteration protocol for Java objects: {@code iter()}, {@code next()} and the
 * {@code __getitem__} fallback.
 *
 * <p>{@link #iter(Object)} accepts an {@link Iterator} (returned as is, as Python's
 * {@code iter(it) is it}), an {@link Iterable}, a {@link Map} (its keys, as a dict), an array, a
 * stream, a {@link Spliterator}, a {@link CharSequence} (one-character strings) and, as the
 * {@code __getitem__} fallback, an {@link IntFunction} read at 0, 1, 2, … until it throws
 * {@link IndexOutOfBoundsException} or {@link StopIteration}. As Python advises,
 * {@link #isIterable(Object)} answers by trying. Stateless and thread-safe; the iterators it returns
 * are not.
 *
 * <pre>{@code
 * IntFunction<String> seq = i -> List.of("a", "b").get(i);   // a class with only __getitem__
 * Iter.isIterable(seq);                                        // true
 * Iterator<?> it = Iter.iter(seq);
 * Iter.next(it); Iter.next(it); Iter.next(it, "END");          // a, b, END
 * }</pre>
 */
public final class Iter {
    private Iter() {}

    /**
     * Python's {@code iter(obj)}.
     *
     * @throws IllegalArgumentException "'Integer' object is not iterable" (Python's TypeError) when
     *     {@code obj} is none of the accepted kinds
     */
    public static Iterator<?> iter(@Nullable Object obj) {
        if (obj instanceof Iterator<?> it) {
            return it;
        }
        if (obj instanceof Iterable<?> iterable) {
            Iterator<?> it = iterable.iterator();
            if (it == null) {
                throw new IllegalArgumentException("iter() returned non-iterator of type 'NoneType': "
                        + obj.getClass().getName() + ".iterator() must return an Iterator, not null");
            }
            return it;
        }
        if (obj instanceof Map<?, ?> map) {
            return map.keySet().iterator();
        }
        if (obj instanceof BaseStream<?, ?> stream) {
            return stream.iterator();
        }
        if (obj instanceof Spliterator<?> spliterator) {
            return java.util.Spliterators.iterator(spliterator);
        }
        if (obj instanceof CharSequence chars) {
            return chars.codePoints().mapToObj(Character::toString).iterator();
        }
        if (obj != null && obj.getClass().isArray()) {
            return getItemIterator(i -> Array.get(obj, i));
        }
        if (obj instanceof IntFunction<?> getItem) {
            return getItemIterator(getItem);
        }
        throw new IllegalArgumentException("'" + typeName(obj) + "' object is not iterable"
                + " (accepted: Iterable, Iterator, Map, array, stream, CharSequence, or an IntFunction"
                + " read from index 0 until IndexOutOfBoundsException)");
    }

    /**
     * Python's {@code iter(callable, sentinel)}: calls {@code supplier} until it returns a value equal
     * to {@code sentinel}, which is consumed but not yielded.
     */
    public static <T> Iterator<T> iter(Supplier<? extends T> supplier, @Nullable Object sentinel) {
        Objects.requireNonNull(supplier, "iter(supplier, sentinel): supplier must not be null");
        return new Iterator<>() {
            private @Nullable T next;
            private boolean ready;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!ready && !exhausted) {
                    T value = supplier.get();
                    if (Objects.equals(value, sentinel)) {
                        exhausted = true;
                    } else {
                        next = value;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            @SuppressWarnings("NullAway") // T itself may be a nullable type: items are passed through
            public T next() {
                if (!hasNext()) {
                    throw new StopIteration();
                }
                ready = false;
                return next;
            }
        };
    }

    /** Whether {@link #iter(Object)} accepts {@code obj}; it tries, as the seed recommends. */
    public static boolean isIterable(@Nullable Object obj) {
        try {
            iter(obj);
            return true;
        } catch (IllegalArgumentException notIterable) {
            return false;
        }
    }

    /**
     * Python's {@code next(it)}.
     *
     * @throws StopIteration when {@code it} is exhausted
     */
    public static <T> T next(Iterator<T> it) {
        if (!it.hasNext()) {
            throw new StopIteration();
        }
        return it.next();
    }

    /** Python's {@code next(it, default)}. */
    public static <T> @Nullable T next(Iterator<? extends T> it, @Nullable T dflt) {
        try {
            return it.hasNext() ? it.next() : dflt;
        } catch (StopIteration end) {
            return dflt;
        }
    }

    private static String typeName(@Nullable Object obj) {
        return obj == null ? "NoneType" : obj.getClass().getSimpleName();
    }

    /** Ends a {@code __getitem__} fallback iteration; no item can be this object. */
    private static final Object END_OF_SEQUENCE = new Object();

    /**
     * The {@code __getitem__} fallback: reads index 0, 1, 2, … until {@link IndexOutOfBoundsException} or
     * {@link StopIteration}; once exhausted it stays exhausted (Python's rule), as {@code iter(callable,
     * sentinel)} does.
     */
    private static Iterator<?> getItemIterator(IntFunction<?> getItem) {
        int[] index = {0};
        return iter(() -> {
            try {
                return getItem.apply(index[0]++);
            } catch (IndexOutOfBoundsException | StopIteration end) {
                return END_OF_SEQUENCE;
            }
        }, END_OF_SEQUENCE);
    }
}
