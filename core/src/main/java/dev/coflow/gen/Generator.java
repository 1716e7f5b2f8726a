package dev.coflow.gen;

import dev.coflow.internal.gen.GeneratorAccess;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Kind;
import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Python generator on the JVM: a body of ordinary Java code that pauses at each
 * {@link Yielder#yield yield} and is resumed by {@link #next()}, {@link #send}, {@link #throwInto}
 * or {@link #close()} (PEP 255, 342, 380, 479).
 *
 * <p>The Python counterpart is the generator object that calling a generator function returns;
 * {@link #of} plays the generator function's call. A step of {@code next()} costs a thread handoff,
 * on both engines, and far more on a loaded machine than on idle cores (figures: the README's engine
 * table and {@code benchmarks/README.md}).
 *
 * <p>Lazy: creating it runs nothing; the body starts at the first {@code next()} or
 * {@code send(null)}, and each step runs on a virtual thread of the generator's own, on both engines,
 * while the thread that resumes it waits: the body sees the caller's asyncio context and the
 * thread-locals registered for propagation, but not its thread identity nor its other ThreadLocals.
 * It is {@link Iterable}: a Java for-each
 * loop advances it one item per step and closes nothing by itself. To stream it with backpressure,
 * use {@code dev.coflow.stream.Publishers.from(() -> generator)}.
 *
 * <p>Thread-safety: not thread-safe, like a Python generator. Resuming it while it runs, from its
 * own body or from another thread, fails with {@code IllegalStateException("generator already
 * executing")} and leaves it undisturbed. It may be resumed from a different thread at each step; the
 * handoff orders memory like a lock would (what the body wrote before a {@code yield} is visible to
 * the caller that receives the value, and conversely).
 *
 * <p>Python's exceptions map to Java's: {@code TypeError} → {@link IllegalArgumentException},
 * {@code ValueError("generator already executing")} → {@link IllegalStateException},
 * {@code RuntimeError} → {@link RuntimeException}; {@link StopIteration} and {@link GeneratorExit}
 * keep their names.
 *
 * <p>Finalization differs from CPython's reference counting. CPython closes a suspended generator the
 * moment its last reference goes, so its {@code finally} blocks run. In Coflow, on both engines, the
 * garbage collector's discovery of the abandoned generator raises {@link GeneratorExit} in the body at
 * some later time, on the body's own thread, so its {@code finally} blocks run then (a body that holds
 * a reference to its own generator is never discovered): call {@link #close()} when they must run at
 * once. A generator that never started runs nothing on either engine, as in CPython.
 *
 * <pre>{@code
 * Generator<Integer, Void, String> mygen = Generator.of(y -> {
 *     for (int i = 0; i < 3; i++) y.yield(i);
 *     return "done";
 * });
 * mygen.next();                       // 0
 * for (int i : mygen) print(i);       // 1, 2
 * mygen.returnValue();                // Optional[done]
 * }</pre>
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values {@link #send} passes in (use {@link Void} when none)
 * @param <R> the type of its return value
 */
public final class Generator<Y, S, R> implements Iterable<Y>, AutoCloseable {

    static {
        GeneratorAccess.register(g -> g.core);
    }

    // Every resume below ends with reachabilityFence(this): on the virtual-thread engine this object's
    // unreachability releases the body, which must never happen while a caller is inside a step.
    private final GeneratorCore<Y, S, R> core;
    private @Nullable Iterator<Y> iterator;

    private Generator(GeneratorBody<Y, S, R> body) {
        this.core = new GeneratorCore<>(Kind.GENERATOR, this, body);
    }

    /**
     * Creates a generator from its body, as calling a Python generator function does: nothing runs yet.
     *
     * @throws NullPointerException if {@code body} is null
     */
    public static <Y, S, R> Generator<Y, S, R> of(GeneratorBody<Y, S, R> body) {
        if (body == null) {
            throw new NullPointerException("Generator.of(body): body must be a generator body lambda, not null");
        }
        return new Generator<>(body);
    }

    /**
     * Resumes the body until its next yield and returns the yielded value: Python's {@code next(g)},
     * the same as {@code send(null)}.
     *
     * @throws StopIteration when the body returns (carrying its return value) and on every later call
     *     (carrying none)
     */
    public @Nullable Y next() {
        try {
            return core.send(null);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Resumes the body, making its pending {@code yield} return {@code value}: Python's
     * {@code g.send(value)}.
     *
     * @throws IllegalArgumentException for a non-null value before the body started ("can't send
     *     non-None value to a just-started generator"); the generator stays usable
     * @throws StopIteration when the body returns
     */
    public @Nullable Y send(@Nullable S value) {
        try {
            return core.send(value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Raises {@code t} at the body's suspension point: Python's {@code g.throw(t)}. Returns the next
     * value if the body catches it and yields; otherwise {@code t} (or what the body raised instead)
     * propagates and the generator is closed. On a generator that has not started, closes it and
     * throws {@code t} at once.
     */
    public @Nullable Y throwInto(Throwable t) {
        try {
            return core.throwInto(t);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Raises {@link GeneratorExit} at the suspension point so the body's {@code finally} blocks run:
     * Python's {@code g.close()}. A no-op on a created or closed generator; a return value during
     * close is discarded. A generator is {@link AutoCloseable}: try-with-resources closes it when the
     * block ends however it ends, as Python's {@code contextlib.closing(g)} does.
     *
     * @throws RuntimeException "generator ignored GeneratorExit" if the body yields again
     */
    @Override
    public void close() {
        try {
            core.close();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Where the generator is in its life cycle. */
    public GeneratorState state() {
        return core.state();
    }

    /** The body's return value once it has returned; empty before, or after a failure or close. */
    public Optional<R> returnValue() {
        return core.returned() ? Optional.ofNullable(core.result()) : Optional.empty();
    }

    /**
     * Python's {@code gi_yieldfrom}: the generator or iterator this one delegates to, while it is inside
     * {@code yieldFrom}/{@code yieldAll}.
     */
    public Optional<Object> yieldingFrom() {
        return Optional.ofNullable(core.delegateOwner());
    }

    /**
     * This generator as a Java iterator: {@code hasNext()} advances it by one step (once) and
     * {@code next()} hands that item over. Like Python's {@code iter(g) is g}, every call returns the
     * same iterator. Iterating closes nothing: a loop left early leaves the generator SUSPENDED. An
     * item fetched by {@code hasNext()} and not yet taken is held by the iterator, so mix it with
     * {@link #next()} only between items.
     */
    @Override
    public Iterator<Y> iterator() {
        Iterator<Y> it = iterator;
        if (it == null) {
            it = new Stepper();
            iterator = it;
        }
        return it;
    }

    @Override
    public String toString() {
        return "<generator " + core.state() + ">";
    }

    private final class Stepper implements Iterator<Y> {
        private @Nullable Y lookahead;
        private boolean ready;

        @Override
        public boolean hasNext() {
            if (!ready) {
                try {
                    lookahead = Generator.this.next();
                    ready = true;
                } catch (StopIteration end) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public @Nullable Y next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the generator is exhausted");
            }
            ready = false;
            Y item = lookahead;
            lookahead = null;
            return item;
        }
    }

}
