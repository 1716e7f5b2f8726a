package dev.coflow.examples.tour;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The few Python built-ins the tour's examples lean on, so that each example reads like its Python and
 * prints what CPython prints: {@code print} with Python's {@code str()} ({@code None}, {@code True},
 * {@code ['a', 1]}), {@code repr}, {@code list()}, {@code round}, {@code inspect}'s state names and
 * {@code type(x).__name__}.
 *
 * <p>Not part of Coflow: Coflow's API speaks Java ({@code null}, {@code boolean}, {@code List}); this
 * class only formats values the way Python does, so that the tour's output can be compared with
 * CPython's character for character. Stateless and thread-safe; {@link #print} writes to the
 * {@code System.out} current at the call.
 *
 * <pre>{@code
 * import static dev.coflow.examples.tour.Py.*;
 *
 * print("list:", List.of("a", 1), null, true);   // list: ['a', 1] None True
 * }</pre>
 */
public final class Py {
    private Py() {}

    /** Python's {@code print(*args)}: {@link #str} of each argument, separated by spaces, then a newline. */
    public static void print(@Nullable Object... args) {
        StringJoiner line = new StringJoiner(" ");
        if (args == null) {
            line.add(str(null));
        } else {
            for (Object a : args) {
                line.add(str(a));
            }
        }
        System.out.println(line);
    }

    /**
     * Python's {@code str(o)}: {@code None}, {@code True}/{@code False}, strings as they are, collections
     * with their items' {@link #repr}, an exception as its message; anything else its {@code toString()}.
     */
    public static String str(@Nullable Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Throwable t) {
            String m = t.getMessage();
            return m == null ? "" : m;
        }
        if (o instanceof List<?> list) {
            return join("[", list, "]");
        }
        if (o instanceof Set<?> set) {
            return set.isEmpty() ? "set()" : join("{", set, "}");
        }
        if (o instanceof Map<?, ?> map) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> j.add(repr(k) + ": " + repr(v)));
            return j.toString();
        }
        return o.toString();
    }

    /**
     * Python's {@code repr(o)}: strings quoted as Python quotes them, an exception as
     * {@code ValueError('message')}; anything else as {@link #str}.
     */
    public static String repr(@Nullable Object o) {
        if (o instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (o instanceof Throwable t) {
            String m = t.getMessage();
            return t.getClass().getSimpleName() + "(" + (m == null ? "" : quote(m)) + ")";
        }
        return str(o);
    }

    /** Python's {@code list(iterable)}: everything {@link Iter#iter} accepts, drained into a list. */
    public static List<@Nullable Object> list(@Nullable Object iterable) {
        List<@Nullable Object> items = new ArrayList<>();
        Iter.iter(iterable).forEachRemaining(items::add);
        return items;
    }

    /**
     * Anything {@link Iter#iter} accepts (a string, a map, an iterator, an {@code IntFunction}, ...) as a
     * Java {@link Iterable}, so that a for-each loop or {@code yieldAll} takes it as Python's {@code for}
     * and {@code yield from} do. Each {@code iterator()} call is one {@code iter(obj)}.
     */
    @SuppressWarnings({"unchecked", "NullAway"}) // read-only view: every item is an Object, None included
    public static Iterable<@Nullable Object> iterable(@Nullable Object obj) {
        Iter.iter(obj); // fail here, as Python's for does, if obj is not iterable at all
        return () -> (Iterator<@Nullable Object>) Iter.iter(obj);
    }

    /** Python's {@code isinstance(o, cls)}. */
    public static boolean isinstance(@Nullable Object o, Class<?> cls) {
        return cls.isInstance(o);
    }

    /** Python's {@code round(x)} to an integer: halves go to the even neighbour, as Python's do. */
    public static long round(double x) {
        return (long) Math.rint(x);
    }

    /** Python's {@code inspect.getgeneratorstate(g)}: {@code GEN_CREATED}, {@code GEN_SUSPENDED}, ... */
    public static String getgeneratorstate(Generator<?, ?, ?> g) {
        return "GEN_" + g.state().name();
    }

    /** Python's {@code inspect.getcoroutinestate(c)}: {@code CORO_CREATED}, {@code CORO_CLOSED}, ... */
    public static String getcoroutinestate(Coroutine<?> c) {
        return "CORO_" + c.state().name();
    }

    /**
     * asyncio's future state, {@code fut._state}: {@code PENDING}, {@code FINISHED} or {@code CANCELLED},
     * from {@link Future#done()} and {@link Future#cancelled()}. A {@link Task}'s own {@link Task#state()}
     * tells more (the seed's four states: a step executing is {@code RUNNING}, {@code FINISHED} is
     * {@code DONE}); the two are checked to agree, as the Python checks {@code s == fut._state}.
     */
    public static String state(Future<?> fut) {
        String s;
        if (fut.cancelled()) {
            s = "CANCELLED";
        } else {
            s = fut.done() ? "FINISHED" : "PENDING";
        }
        if (fut instanceof Task<?> task) {
            String seeds = switch (task.state()) {
                case PENDING, RUNNING -> "PENDING";
                case DONE -> "FINISHED";
                case CANCELLED -> "CANCELLED";
            };
            if (!seeds.equals(s)) {
                throw new AssertionError(task + ": state() " + task.state() + " disagrees with " + s);
            }
        }
        return s;
    }

    /**
     * Python's {@code type(o).__name__} for the Python counterpart of {@code o}'s Java type: a
     * {@link Generator} is a {@code generator}, a {@link Coroutine} a {@code coroutine}, an
     * {@link AsyncGenerator} an {@code async_generator}, a {@link List} a
     * {@code list}, a {@link Set} a {@code set}, ...; other types keep their Java simple name.
     */
    public static String typeName(@Nullable Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Generator<?, ?, ?>) {
            return "generator";
        }
        if (o instanceof Coroutine<?>) {
            return "coroutine";
        }
        if (o instanceof AsyncGenerator<?>) {
            return "async_generator";
        }
        if (o instanceof Task<?>) {
            return "Task";
        }
        if (o instanceof Future<?>) {
            return "Future";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Set<?>) {
            return "set";
        }
        if (o instanceof Map<?, ?>) {
            return "dict";
        }
        if (o instanceof CharSequence) {
            return "str";
        }
        if (o instanceof Integer || o instanceof Long) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        return o.getClass().getSimpleName();
    }

    private static String join(String open, Collection<?> items, String close) {
        StringJoiner j = new StringJoiner(", ", open, close);
        for (Object item : items) {
            j.add(repr(item));
        }
        return j.toString();
    }

    /** Python's string repr: single quotes unless the text holds a single quote and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }
}
