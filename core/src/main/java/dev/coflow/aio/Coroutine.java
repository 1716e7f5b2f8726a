package dev.coflow.aio;

import dev.coflow.gen.GeneratorState;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Kind;
import dev.coflow.internal.gen.Sneaky;
import java.lang.ref.Cleaner;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A coroutine object: what calling a Python {@code async def} function returns. It is lazy: nothing
 * runs until it is awaited ({@code await(coro)} runs it inline in the awaiting task, as Python's
 * {@code await coro}) or wrapped in a {@link Task} ({@code createTask}, {@code gather},
 * {@code runUntilComplete}, {@code Aio.run}). It runs once: awaiting it again fails with "cannot reuse
 * already awaited coroutine" once it has ended, and with "coroutine is being awaited already" while it
 * is suspended in another task or driven by hand. A coroutine that is collected without ever being started is reported once
 * on the {@code dev.coflow.aio} logger: "coroutine '...' was never awaited".
 *
 * <p>Thread-safety: a coroutine runs one step at a time for the event loop driving it, never
 * concurrently with the loop's other callbacks; it is not thread-safe. On the continuation engine a
 * step runs on the loop's thread itself (when the loop was started on a thread holding no monitor);
 * on the virtual-thread engine on a virtual thread of the coroutine's own while the loop's thread
 * waits.
 *
 * <pre>{@code
 * static Coroutine<String> hello(String name) {
 *     return Coroutine.of("hello", () -> {
 *         print("Hello, " + name);
 *         await(sleep(Duration.ofSeconds(1)));
 *         return "said hello";
 *     });
 * }
 *
 * EventLoop loop = EventLoop.create();
 * Task<String> task = loop.createTask(hello("World"));
 * loop.runUntilComplete(task);   // "said hello"
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Coroutine<T extends @Nullable Object> {

    private final CoroutineBody<T> body;
    private final @Nullable String name;
    /** Library coroutines run their body inline in the awaiting coroutine's fiber: no fiber of their own. */
    private final boolean inline;
    private @Nullable GeneratorCore<Object, Object, T> core;
    private static final GeneratorState[] STATES = GeneratorState.values();
    private static final Awaitable[] AWAITABLES = Awaitable.values();
    /**
     * The state while no {@link #core} exists, read through {@link #ownState()} and {@link #state()}; a
     * {@link GeneratorState} ordinal: bytes beside {@link #inline} add nothing to the object's layout.
     *
     * <pre>
     *   CREATED --start(task) / send----------> (core built: the core's state from now on)
     *      |----close() unstarted-------------> CLOSED
     *      '----runInline() (inline ones)-----> RUNNING --body ends--> CLOSED
     * </pre>
     */
    private byte ownState = ordinal(GeneratorState.CREATED);
    /** The {@link Awaitable} ordinal of what Python would await here; read through {@link #awaitable()}. */
    private final byte awaitable;
    /** Registered only for coroutines still unstarted when their loop iteration ends (most never need it). */
    private @Nullable NeverAwaited neverAwaited;

    /**
     * The Python object an awaitable stands for, named in its "cannot reuse already awaited ..." error:
     * a coroutine, or one of the awaitables an async generator's methods return.
     */
    enum Awaitable {
        COROUTINE("coroutine"),
        ANEXT_ASEND("__anext__()/asend()"),
        ATHROW_ACLOSE("aclose()/athrow()");

        private final String words;

        Awaitable(String words) {
            this.words = words;
        }
    }

    private Coroutine(@Nullable String name, CoroutineBody<T> body, boolean inline, Awaitable awaitable) {
        this.body = body;
        this.name = name;
        this.inline = inline;
        this.awaitable = ordinal(awaitable);
        EventLoop loop = EventLoop.current();
        if (loop != null) {
            loop.fresh(this);
        } else {
            watchIfUnstarted();
        }
    }

    /**
     * Starts watching for "never awaited" if it has not started: called right away outside a loop, else
     * at the end of the loop iteration that created it, so the common create-and-await costs no Cleaner.
     */
    void watchIfUnstarted() {
        if (core == null && ownState() == GeneratorState.CREATED && neverAwaited == null) {
            neverAwaited = new NeverAwaited(this, name, body);
        }
    }

    /**
     * A coroutine running {@code body}, as calling an {@code async def} function creates one: nothing
     * runs yet.
     */
    public static <T extends @Nullable Object> Coroutine<T> of(CoroutineBody<T> body) {
        Objects.requireNonNull(body, "Coroutine.of(body): body must be a coroutine body lambda, not null");
        return new Coroutine<>(null, body, false, Awaitable.COROUTINE);
    }

    /** A named coroutine: the name appears in reports such as "coroutine 'hello' was never awaited". */
    public static <T extends @Nullable Object> Coroutine<T> of(String name, CoroutineBody<T> body) {
        Objects.requireNonNull(name, "Coroutine.of(name, body): name must not be null");
        Objects.requireNonNull(body, "Coroutine.of(name, body): body must be a coroutine body lambda, not null");
        return new Coroutine<>(name, body, false, Awaitable.COROUTINE);
    }

    /** A library coroutine (sleep, wait, ...) whose body runs inline in the awaiting coroutine's fiber. */
    static <T extends @Nullable Object> Coroutine<T> inline(String name, CoroutineBody<T> body) {
        return inline(name, Awaitable.COROUTINE, body);
    }

    /** An inline coroutine standing for another Python awaitable, such as what {@code anext} returns. */
    static <T extends @Nullable Object> Coroutine<T> inline(String name, Awaitable awaitable, CoroutineBody<T> body) {
        return new Coroutine<>(name, body, true, awaitable);
    }

    /**
     * Where it is: CREATED (not started), RUNNING (its body is executing), SUSPENDED (at an
     * {@code await}), CLOSED (done): Python's {@code inspect.getcoroutinestate}.
     */
    public GeneratorState state() {
        GeneratorCore<Object, Object, T> c = core;
        return c == null ? ownState() : c.state();
    }

    /**
     * What it waits on while SUSPENDED: the {@link Future} it awaits, or the {@link Coroutine} it awaits
     * (ask that one in turn); {@code null} in any other state. Python's {@code cr_await}.
     */
    public @Nullable Object awaiting() {
        GeneratorCore<Object, Object, T> c = core;
        return c == null ? null : c.suspendedOn();
    }

    /** The name given to {@link #of(String, CoroutineBody)}, else a name derived from the body's class. */
    public String name() {
        return NeverAwaited.displayName(name, body);
    }

    /**
     * Drives it by hand one step: Python's {@code coro.send(value)}, as a test or a custom scheduler
     * does. Starts it if it is new (with {@code null}: "can't send non-None value to a just-started
     * coroutine"), then runs it until it suspends and returns what it awaits, the pending
     * {@link Future} (or {@code null} for the bare yield of {@code sleep(0)}); {@code value} is what the
     * suspended {@code await} receives (an {@code await(future)} ignores it and returns the future's
     * result, and fails with "await wasn't used with future" if the future is still pending). When the
     * body returns, throws {@link dev.coflow.gen.StopIteration} with the result, as Python does.
     *
     * <p>A coroutine driven by hand has no task and no event loop: {@code currentTask()} is null and
     * {@code sleep(d)} fails with "no running event loop" unless called on a loop's thread.
     *
     * <pre>{@code
     * Future<Integer> f = loop.createFuture();
     * Coroutine<Integer> c = Coroutine.of(() -> await(f) + 1);
     * c.send(null);        // f: the coroutine suspended on it
     * f.setResult(41);
     * c.send(null);        // throws StopIteration with value() == 42
     * }</pre>
     *
     * @throws IllegalStateException when a task drives it ("... is driven by Task-1"), it is running,
     *     or it has ended ("cannot reuse already awaited coroutine")
     */
    public @Nullable Object send(@Nullable Object value) {
        if (core == null && value != null && ownState() == GeneratorState.CREATED) {
            // Python's words; the coroutine stays new and may still be started
            throw new IllegalArgumentException("can't send non-None value to a just-started coroutine");
        }
        return byHand().send(value);
    }

    /**
     * Raises {@code exception} at the {@code await} it is suspended at (the innermost one, when it awaits
     * another coroutine), by hand: Python's {@code coro.throw(exc)}. Returns what it awaits next if the
     * body catches it, as {@link #send}; on a new coroutine, closes it and throws {@code exception}.
     *
     * @throws IllegalStateException when a task drives it, it is running, or it has ended
     */
    public @Nullable Object throwInto(Throwable exception) {
        Objects.requireNonNull(exception, "throwInto(exception): exception must be an exception to raise, not null");
        return byHand().throwInto(exception);
    }

    private GeneratorCore<Object, Object, T> byHand() {
        GeneratorCore<Object, Object, T> c = core;
        if (c == null) {
            return start(null);
        }
        if (c.state() == GeneratorState.CLOSED) {
            throw reused();
        }
        if (c.driver() instanceof Task<?> t) {
            throw new IllegalStateException("coroutine '" + name() + "' is driven by " + t.getName()
                    + ": only a coroutine that no task runs can be driven by hand with send/throwInto");
        }
        return c;
    }

    /**
     * Closes it: Python's {@code coro.close()}. An unstarted coroutine becomes CLOSED without running
     * (and is not reported as never awaited); a suspended one gets {@code GeneratorExit} at its
     * {@code await}, so its {@code finally} blocks run. A no-op on a closed coroutine.
     */
    public void close() {
        GeneratorCore<Object, Object, T> c = core;
        if (c != null) {
            c.close();
        } else if (ownState() == GeneratorState.CREATED) {
            ownState(GeneratorState.CLOSED);
            started();
        }
    }

    boolean isInline() {
        return inline;
    }

    /**
     * Starts it (once) under {@code task}, or driven by hand when {@code task} is null: builds its
     * core, whose driver is the task.
     */
    GeneratorCore<Object, Object, T> start(@Nullable Task<?> task) {
        claim();
        GeneratorCore<Object, Object, T> c = new GeneratorCore<>(Kind.COROUTINE, this, body);
        c.drive(task);
        core = c;
        return c;
    }

    /** The core of a started coroutine. */
    GeneratorCore<Object, Object, T> core() {
        return Objects.requireNonNull(core, "the coroutine has not started");
    }

    /** Runs an inline coroutine's body on the caller's fiber, as {@code await} of it. */
    @SuppressWarnings("NullAway") // T itself may be a nullable type
    T runInline() {
        claim();
        ownState(GeneratorState.RUNNING);
        try {
            return body.call();
        } catch (Exception e) {
            throw Sneaky.raise(e);
        } finally {
            ownState(GeneratorState.CLOSED);
        }
    }

    /**
     * Python's error for starting (awaiting, wrapping in a task) or driving by hand a coroutine that has
     * been started already, in CPython's words for each state: one suspended at an {@code await} is
     * driven elsewhere (a task or a caller of {@link #send}), one running is awaiting itself. An async
     * generator's awaitable says "cannot reuse" in any state, as CPython's does.
     */
    private IllegalStateException reused() {
        Awaitable what = awaitable();
        if (what != Awaitable.COROUTINE) {
            return new IllegalStateException("cannot reuse already awaited " + what.words);
        }
        return new IllegalStateException(switch (state()) {
            case SUSPENDED -> "coroutine is being awaited already";
            case RUNNING -> "coroutine already executing";
            default -> "cannot reuse already awaited coroutine";
        });
    }

    private Awaitable awaitable() {
        return AWAITABLES[awaitable];
    }

    private GeneratorState ownState() {
        return STATES[ownState];
    }

    private void ownState(GeneratorState state) {
        ownState = ordinal(state);
    }

    /**
     * The byte {@link #ownState} and {@link #awaitable} keep for {@code e}: its ordinal, an index into
     * {@link #STATES} and {@link #AWAITABLES}.
     */
    @SuppressWarnings("EnumOrdinal") // a byte field in place of a reference adds nothing to the object's layout
    private static byte ordinal(Enum<?> e) {
        return (byte) e.ordinal();
    }

    private void claim() {
        if (core != null || ownState() != GeneratorState.CREATED) {
            throw reused();
        }
        started();
    }

    private void started() {
        NeverAwaited n = neverAwaited;
        if (n != null) {
            neverAwaited = null;
            n.started();
        }
    }

    @Override
    public String toString() {
        return "<coroutine object " + name() + " " + state() + ">";
    }

    /** The Cleaner action reporting a coroutine collected before it started; never references it. */
    private static final class NeverAwaited implements Runnable {
        private final @Nullable String name;
        private final Class<?> bodyClass;
        private volatile boolean started;
        private final Cleaner.Cleanable cleanable;

        NeverAwaited(Object owner, @Nullable String name, Object body) {
            this.name = name;
            this.bodyClass = body.getClass();
            this.cleanable = Diagnostics.CLEANER.register(owner, this);
        }

        void started() {
            started = true;
            cleanable.clean();
        }

        @Override
        public void run() {
            if (!started) {
                Diagnostics.LOG.log(System.Logger.Level.WARNING,
                        "coroutine '" + displayName(name, bodyClass) + "' was never awaited");
            }
        }

        static String displayName(@Nullable String name, Object body) {
            if (name != null) {
                return name;
            }
            Class<?> c = body instanceof Class<?> k ? k : body.getClass();
            String n = c.getName();
            int lambda = n.indexOf("$$Lambda");
            if (lambda >= 0) {
                return n.substring(n.lastIndexOf('.', lambda) + 1, lambda) + ".lambda";
            }
            return c.getSimpleName().isEmpty() ? n : c.getSimpleName();
        }
    }
}
