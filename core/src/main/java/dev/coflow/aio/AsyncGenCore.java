package dev.coflow.aio;

import dev.coflow.gen.GeneratorExit;
import dev.coflow.gen.GeneratorState;
import dev.coflow.gen.StopIteration;
import dev.coflow.gen.Yielder;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Kind;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import org.jspecify.annotations.Nullable;

/**
 * The state machine behind an {@link AsyncGenerator}: CPython's {@code async_generator_asend} and
 * {@code async_generator_athrow} on top of a {@link GeneratorCore} of kind ASYNC_GENERATOR.
 *
 * <p>The body suspends for two reasons, through the same core: {@code await(future)} yields the future
 * (or null for {@code sleep(0)}), which must go up to the task driving the consumer; {@code y.yield(v)}
 * yields the {@link #VALUE} tag after storing {@code v}, which ends the consumer's {@code anext}. This is
 * CPython's {@code _PyAsyncGenWrappedValue}, without an allocation per item. The driver
 * ({@link #step}) runs inline in the awaiting coroutine: it resumes the body, passes each await up by
 * yielding it from the awaiting coroutine's own core, feeds the outcome back, and stops at the first tag.
 *
 * <p>The body's await finds its bearings through its core's driver, which {@link #step} sets to the
 * consumer's task for the duration of each step (an async generator may be driven by several tasks in
 * turn).
 *
 * <p>This object owns the fiber and is kept reachable by the loop's {@link AsyncGenRegistry} while it is
 * alive there; the public {@link AsyncGenerator} is what the user drops, and its cleaner reports that here
 * ({@link #dropped}) so that a suspended body is closed on its loop, as CPython's finalizer hook does.
 */
final class AsyncGenCore<T extends @Nullable Object> {

    /**
     * The operations; the word appears in "...(): asynchronous generator is already running", and the
     * awaitable names the Python object in "cannot reuse already awaited ...".
     */
    enum Op {
        ANEXT("anext", Coroutine.Awaitable.ANEXT_ASEND),
        /** CPython 3.11 reports a busy asend with anext's word. */
        ASEND("anext", Coroutine.Awaitable.ANEXT_ASEND),
        ATHROW("athrow", Coroutine.Awaitable.ATHROW_ACLOSE),
        ACLOSE("aclose", Coroutine.Awaitable.ATHROW_ACLOSE);

        final String word;
        final Coroutine.Awaitable awaitable;

        Op(String word, Coroutine.Awaitable awaitable) {
            this.word = word;
            this.awaitable = awaitable;
        }
    }

    /** Yielded by {@code y.yield(v)}: "a value for the consumer is in the yielder". */
    private static final Object VALUE = new Object() {
        @Override
        public String toString() {
            return "<async generator value>";
        }
    };

    /** Returned by {@link #step} when the generator is exhausted (StopAsyncIteration without a throw). */
    static final Object END = new Object() {
        @Override
        public String toString() {
            return "<async generator end>";
        }
    };

    private final @Nullable String name;
    private final GeneratorCore<Object, Object, Void> core;
    private final ValueYielder<T> yielder;
    /** Python's {@code ag_running_async}: a step is in progress, possibly suspended at an await. */
    private boolean runningAsync;
    /** The loop it was first iterated on (Python's firstiter hook); read by the cleaner thread. */
    private volatile @Nullable EventLoop loop;
    private Cleaner.@Nullable Cleanable dropWatch;

    AsyncGenCore(@Nullable String name, AsyncGeneratorBody<T> body) {
        this.name = name;
        ValueYielder<T> y = new ValueYielder<>();
        this.yielder = y;
        // The body lambda must not capture this object, the fiber's owner: only locals.
        this.core = new GeneratorCore<>(Kind.ASYNC_GENERATOR, this, self -> {
            runBody(body, y, self);
            return null;
        });
    }

    private static <T extends @Nullable Object> void runBody(AsyncGeneratorBody<T> body, ValueYielder<T> y,
            Yielder<Object, Object> self) throws Exception {
        y.self = self;
        try {
            body.run(y);
        } catch (StopAsyncIteration e) {
            throw new RuntimeException("async generator raised StopAsyncIteration", e);
        }
    }

    /** Starts watching {@code owner}: once it is unreachable, {@link #dropped} runs on the cleaner thread. */
    void watch(Object owner) {
        dropWatch = Diagnostics.CLEANER.register(owner, this::dropped);
    }

    /** Python's {@code ag_running} folded into the frame state: RUNNING while a step is in progress. */
    GeneratorState state() {
        return runningAsync ? GeneratorState.RUNNING : core.state();
    }

    boolean isClosed() {
        return core.state() == GeneratorState.CLOSED;
    }

    /**
     * The coroutine that anext/asend/athrow return: {@code op} once awaited, raising
     * {@link StopAsyncIteration} at the end, or returning {@code dflt} if {@code hasDefault}.
     */
    Coroutine<T> awaitable(Object owner, Op op, @Nullable Object value, @Nullable Throwable thrown,
            boolean hasDefault, @Nullable T dflt) {
        return Coroutine.inline("AsyncGenerator." + (op == Op.ASEND ? "asend" : op.word), op.awaitable, () -> {
            Object r = step(owner, op, value, thrown);
            if (r == END) {
                if (hasDefault) {
                    return dflt;
                }
                throw new StopAsyncIteration();
            }
            return AsyncGenCore.<T>cast(r);
        });
    }

    /** The coroutine that aclose returns. */
    Coroutine<@Nullable Void> closer(Object owner) {
        return Coroutine.<@Nullable Void>inline("AsyncGenerator.aclose", Op.ACLOSE.awaitable, () -> {
            step(owner, Op.ACLOSE, null, new GeneratorExit());
            return null;
        });
    }

    // what the body yielded is a T (null included); the caller's type says which T
    @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
    static <T extends @Nullable Object> T cast(@Nullable Object yielded) {
        return (T) yielded;
    }

    /**
     * One anext/asend/athrow/aclose, run inline in the awaiting coroutine. Returns the value yielded, or
     * {@link #END} when the generator ends (for anext/asend/athrow), or null (for aclose, and for athrow
     * on a closed generator, as CPython 3.11 does).
     *
     * @param owner kept reachable until the step is over: its collection would finalize this generator
     */
    @Nullable Object step(Object owner, Op op, @Nullable Object value, @Nullable Throwable thrown) {
        try {
            GeneratorCore<Object, Object, ?> awaiter = Aio.body();
            if (runningAsync) {
                throw new IllegalStateException(op.word + "(): asynchronous generator is already running");
            }
            GeneratorState s = core.state();
            if (s == GeneratorState.CLOSED) {
                return op == Op.ANEXT || op == Op.ASEND ? END : null;
            }
            if (s == GeneratorState.CREATED && op == Op.ACLOSE) {
                core.close();
                finished();
                return null;
            }
            Task<?> task = RunningCoroutine.taskOf(awaiter);
            if (task == null) {
                throw new IllegalStateException(op.word + "(): an async generator is driven by a task:"
                        + " await it in a coroutine that runs on an event loop, not one driven by hand");
            }
            firstIter(task.loop);
            runningAsync = true;
            core.drive(task);
            try {
                return drive(awaiter, op, value, thrown);
            } finally {
                runningAsync = false;
                core.drive(null);
                if (core.state() == GeneratorState.CLOSED) {
                    finished();
                }
            }
        } finally {
            Reference.reachabilityFence(owner);
        }
    }

    private @Nullable Object drive(GeneratorCore<Object, Object, ?> awaiter, Op op, @Nullable Object value,
            @Nullable Throwable thrown) {
        try {
            Object r = thrown != null ? core.throwInto(thrown) : core.send(value);
            while (r != VALUE) {
                // An await in the body: suspend the consumer's task on it, then resume the body with the
                // outcome (a cancellation of the consumer lands at the body's await).
                Throwable outcome = null;
                try {
                    awaiter.yield(r);
                } catch (Throwable t) {
                    if (Diagnostics.isFatal(t)) {
                        throw t;
                    }
                    outcome = t;
                }
                r = outcome == null ? core.send(null) : core.throwInto(outcome);
            }
        } catch (StopIteration end) {
            return op == Op.ACLOSE ? null : END;
        } catch (GeneratorExit exit) {
            if (op == Op.ACLOSE) {
                return null;
            }
            throw exit;
        }
        Object v = yielder.take();
        if (op == Op.ACLOSE) {
            throw new RuntimeException("async generator ignored GeneratorExit");
        }
        return v;
    }

    /** Python's firstiter hook: the first loop to iterate this generator finalizes it. */
    private void firstIter(EventLoop l) {
        if (loop == null) {
            loop = l;
            l.asyncGens.firstIter(this);
        }
    }

    private void finished() {
        EventLoop l = loop;
        if (l != null) {
            l.asyncGens.discard(this);
        }
        Cleaner.Cleanable w = dropWatch;
        if (w != null) {
            dropWatch = null;
            w.clean();
        }
    }

    /** The public generator is unreachable (cleaner thread), or it finished ({@link #finished}). */
    private void dropped() {
        EventLoop l = loop;
        if (l != null && !isClosed()) {
            l.asyncGens.dropped(this);
        }
    }

    @Override
    public String toString() {
        return "<async_generator " + (name != null ? name + " " : "") + state() + ">";
    }

    /** The body's yielder; it holds the value between {@code y.yield(v)} and the driver taking it. */
    private static final class ValueYielder<T extends @Nullable Object> implements AsyncYielder<T> {
        @SuppressWarnings("NullAway.Init") // set when the body starts, before it can yield
        Yielder<Object, Object> self;
        private @Nullable Object value;

        @Override
        // S is what the consumer sent; unchecked by design (AsyncYielder.yield)
        @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
        public <S extends @Nullable Object> S yield(T v) {
            Yielder<Object, Object> s = self;
            if (s == null) {
                throw new IllegalStateException("yield used outside its own async generator's body");
            }
            value = v;
            return (S) s.yield(VALUE);
        }

        @Nullable Object take() {
            Object v = value;
            value = null;
            return v;
        }
    }
}
