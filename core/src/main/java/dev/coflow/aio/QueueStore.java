package dev.coflow.aio;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link AsyncQueue} keeps its items, and so in which order {@code get} returns them: the
 * overridable {@code _init/_put/_get} of Python's {@code asyncio.Queue}. FIFO and LIFO stores accept
 * {@code null} items (Python's {@code None} is a common end-of-stream marker); the priority store does not.
 */
abstract class QueueStore<T extends @Nullable Object> {

    abstract void add(T item);

    /** Removes the next item; only called when {@link #size()} is positive. */
    abstract T remove();

    abstract int size();

    /** Python's {@code Queue}: first in, first out. */
    static <T extends @Nullable Object> QueueStore<T> fifo() {
        return new Deque<>(true);
    }

    /** Python's {@code LifoQueue}: last in, first out. */
    static <T extends @Nullable Object> QueueStore<T> lifo() {
        return new Deque<>(false);
    }

    /** Python's {@code PriorityQueue}: smallest first; {@code order} null means natural ordering. */
    static <T extends @Nullable Object> QueueStore<T> priority(@Nullable Comparator<? super T> order) {
        return new Priority<>(order);
    }

    private static final class Deque<T extends @Nullable Object> extends QueueStore<T> {
        /** Stands for a null item: ArrayDeque refuses nulls. */
        private static final Object NULL = new Object();

        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final boolean fifo;

        Deque(boolean fifo) {
            this.fifo = fifo;
        }

        @Override
        void add(T item) {
            items.addLast(item == null ? NULL : item);
        }

        @Override
        @SuppressWarnings({"unchecked", "NullAway"}) // T itself may be nullable: NULL unmasks to null
        T remove() {
            Object o = fifo ? items.removeFirst() : items.removeLast();
            return o == NULL ? null : (T) o;
        }

        @Override
        int size() {
            return items.size();
        }

        @Override
        public String toString() {
            return items.stream().map(o -> o == NULL ? "null" : String.valueOf(o)).toList().toString();
        }
    }

    private static final class Priority<T extends @Nullable Object> extends QueueStore<T> {
        private final PriorityQueue<T> items;

        Priority(@Nullable Comparator<? super T> order) {
            this.items = new PriorityQueue<>(order);
        }

        @Override
        void add(T item) {
            Objects.requireNonNull(item, "AsyncPriorityQueue does not accept null items: a priority queue"
                    + " orders its items, and null has no order; wrap it or use an AsyncQueue");
            items.add(item);
        }

        @Override
        T remove() {
            return items.remove();
        }

        @Override
        int size() {
            return items.size();
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }
}
