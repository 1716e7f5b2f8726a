package dev.coflow.internal.gen;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorBody;
import dev.coflow.gen.GeneratorExit;
import dev.coflow.gen.GeneratorState;
import dev.coflow.gen.StopIteration;
import dev.coflow.gen.Yielder;
import dev.coflow.internal.engine.Engines;
import dev.coflow.internal.engine.Fiber;
import dev.coflow.internal.engine.FiberReleased;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The state machine of a Python generator frame (PEP 255/342/380/479) on top of a {@link Fiber}:
 * shared by generators, coroutines and async generators, which differ only in {@link Kind} (the word
 * in messages). CPython's counterpart is the frame state of {@code genobject.c}.
 *
 * <p>Thread-safety: one step at a time. Each caller-side entry point claims the core with a CAS from
 * SUSPENDED/CREATED to RUNNING, so a concurrent or re-entrant resume fails with "… already executing"
 * without disturbing the running step; the fiber's handoff orders the fields exchanged with the body.
 *
 * <pre>{@code
 * GeneratorCore<Integer, Void, String> core =
 *         new GeneratorCore<>(Kind.GENERATOR, owner, y -> { y.yield(1); return "r"; });
 * core.send(null);   // 1
 * core.send(null);   // throws StopIteration("r")
 * }</pre>
 *
 * <p>Delegation ({@code yield from}) is resolved on the caller's side: while the body delegates,
 * {@code send}/{@code throwInto} call the delegate directly instead of switching into this body
 * and back, so a chain of depth n costs n plain calls per item, not n suspensions.
 *
 * <p>The core must never reference its public owner: the owner's reachability releases the fiber.
 * The core is its fiber's body ({@link #run()}) and attachment, so a suspended body costs no
 * objects beyond the core, the fiber and the suspended stack.
 */
public final class GeneratorCore<Y, S, R> implements Yielder<Y, S>, Runnable {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GeneratorCore.class, "state", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final GeneratorState[] STATES = GeneratorState.values();
    private static final Kind[] KINDS = Kind.values();
    private static final byte GENERATOR_KIND = ordinal(Kind.GENERATOR);

    // Bits of {@link #flags}.
    private static final int FINISHED = 1;
    /** With FINISHED: {@link #outcome} is the exception the body ended with. */
    private static final int FAILED = 1 << 1;
    /** {@link #handoff} is an exception to raise in the body, not a value sent to it. */
    private static final int THROWING = 1 << 2;
    private static final int START_DELEGATION = 1 << 3;
    /** The engine released this body once already (its owner became unreachable). */
    private static final int RELEASED_ONCE = 1 << 4;

    // Every suspended generator, coroutine and task has one core, so it is packed small (its layout:
    // benchmarks/README.md): the state, kind and flags are bytes, and one field carries each
    // direction's exchange. Only the accessors read or write them: state()/setState()/claim(), kind()/isGenerator(), has()/set(),
    // run()/fail() write outcome, returnValue()/failure()/result() read it; received() takes handoff.
    //
    //   state (the caller's side claims a step with a CAS to RUNNING, so a re-entrant or concurrent
    //   resume fails with "already executing"):
    //
    //     CREATED --send(null)---------> RUNNING --the body yields----------> SUSPENDED
    //        |                           ^  |                                     |
    //        |                           |  |--the body returns or raises---> CLOSED (+FINISHED)
    //        |                           |  '--an engine failure------------> SUSPENDED or CLOSED
    //        |                           '------send / throwInto / close---------'
    //        '--throwInto / close before the start (endWithout)-------------> CLOSED (+FINISHED, FAILED)
    //     The engine releasing a suspended body (owner unreachable) sets RUNNING from the body's side.
    //
    //   flags: FINISHED, set with CLOSED; FAILED: outcome is the exception the body ended with, else
    //   its return value; THROWING: handoff carries an exception into the body; START_DELEGATION: the
    //   body suspended to start yield from (delegate is set); RELEASED_ONCE: see suspendBody.
    /** A {@link GeneratorState} ordinal. */
    private volatile byte state;
    /** A {@link Kind} ordinal. */
    private final byte kind;
    /** The bits above. */
    private byte flags;
    /** A {@link GeneratorBody}, or for a coroutine a {@link Callable}, which never yields by itself. */
    private final Object body;
    private final Fiber fiber;
    /** What drives the body, such as a coroutine's task; see {@link #driver()}. */
    private @Nullable Object driver;

    // Exchanged between caller and body; the fiber's handoff orders these plain fields.
    /** In: the value sent (or with THROWING the exception to raise). Out: the value yielded. */
    private @Nullable Object handoff;
    /** Once FINISHED: the return value, or with FAILED the exception. */
    private @Nullable Object outcome;
    /** A GeneratorCore or an Iterator while the body is inside {@code yield from}. */
    private @Nullable Object delegate;
    /** Keeps the delegate's public owner reachable while delegating. */
    private @Nullable Object delegateOwner;
    /** Set by a Publisher between resumes only: takes yielded values inside the body, see {@link #streamTo}. */
    private @Nullable YieldSink<? super Y> sink;

    /**
     * Creates a core in state CREATED; nothing runs until the first {@link #send}.
     *
     * @param owner the public object this core belongs to (never referenced by the core). On the
     *     virtual-thread engine, its unreachability while suspended releases the body (GeneratorExit at
     *     the suspension point), so whoever drives the core must keep the owner reachable during each
     *     step ({@code Reference.reachabilityFence(owner)}) and for as long as it means to resume it
     */
    public GeneratorCore(Kind kind, Object owner, GeneratorBody<Y, S, R> body) {
        this(kind, owner, (Object) body);
    }

    /**
     * A core whose body is a plain {@link Callable}, as a coroutine's: it suspends only through
     * {@link #yield} calls made by code it calls ({@code await}), found with {@link #current()}.
     */
    public GeneratorCore(Kind kind, Object owner, Callable<? extends R> body) {
        this(kind, owner, (Object) body);
    }

    private GeneratorCore(Kind kind, Object owner, Object body) {
        this.kind = ordinal(kind);
        this.body = body;
        // Only a coroutine is stepped by an event loop; see Engine.newThreadFiber.
        this.fiber = kind == Kind.COROUTINE
                ? Engines.engine().newFiber(owner, this, this)
                : Engines.engine().newThreadFiber(owner, this, this);
    }

    /** The core whose body runs on this thread (the innermost one), or {@code null} outside any body. */
    public static @Nullable GeneratorCore<?, ?, ?> current() {
        Fiber f = Engines.currentFiber();
        return f != null && f.attachment() instanceof GeneratorCore<?, ?, ?> core ? core : null;
    }

    /**
     * What drives the body, for the code it calls to find: a coroutine's task, set by the driver
     * (the core itself never reads it). {@code null} when nothing is attached.
     */
    public @Nullable Object driver() {
        return driver;
    }

    /** Attaches or (with {@code null}) detaches what drives the body; see {@link #driver()}. */
    public void drive(@Nullable Object driver) {
        this.driver = driver;
    }

    /** What this core drives. */
    public Kind kind() {
        return KINDS[kind];
    }

    /** Python's {@code getgeneratorstate}: CREATED, RUNNING (also seen from inside), SUSPENDED, CLOSED. */
    public GeneratorState state() {
        return STATES[state];
    }

    private void setState(GeneratorState s) {
        state = ordinal(s);
    }

    /** Moves {@code expected} to RUNNING atomically; false if another step got there first. */
    private boolean claimState(GeneratorState expected) {
        return STATE.compareAndSet(this, ordinal(expected), ordinal(GeneratorState.RUNNING));
    }

    /**
     * The byte {@link #state} and {@link #kind} keep for {@code e}: its ordinal, an index into
     * {@link #STATES} and {@link #KINDS}.
     */
    @SuppressWarnings("EnumOrdinal") // byte fields, packed beside the flags, in place of references
    private static byte ordinal(Enum<?> e) {
        return (byte) e.ordinal();
    }

    /** Whether this core drives a plain generator (not a coroutine or an async generator). */
    private boolean isGenerator() {
        return kind == GENERATOR_KIND;
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    private void set(int flag, boolean on) {
        flags = (byte) (on ? flags | flag : flags & ~flag);
    }

    /** Whether the body ended by returning (not by an exception, a throw or a close). */
    public boolean returned() {
        return (flags & (FINISHED | FAILED)) == FINISHED;
    }

    /** The body's return value once it {@link #returned()}, else {@code null}. */
    @SuppressWarnings("unchecked")
    public @Nullable R result() {
        return returned() ? (R) outcome : null;
    }

    /** With FINISHED, not FAILED: the return value, untyped (for StopIteration). */
    private @Nullable Object returnValue() {
        return outcome;
    }

    /** With FAILED: the exception the body ended with. */
    private Throwable failure() {
        return (Throwable) Objects.requireNonNull(outcome);
    }

    /** The body, or its start, ended with {@code t}. */
    private void fail(Throwable t) {
        outcome = t;
        set(FAILED, true);
    }

    /**
     * While {@code sink} is set, every value the body or its delegates yield goes to the sink, on the
     * body's side, and the body runs on without a switch as long as the sink accepts; {@code send}
     * returns {@code null} once the sink asked to suspend. This is how a Publisher lets the body run
     * ahead within demand. Set and clear it only between resumes, from the resuming thread; clear it
     * while suspended so the suspended body holds no reference to its subscriber.
     */
    public void streamTo(@Nullable YieldSink<? super Y> sink) {
        this.sink = sink;
    }

    /**
     * Python's {@code cr_await}: while SUSPENDED, what a coroutine body waits on: the owner of the core
     * it delegates to, else the value it yielded (the future it awaits); {@code null} otherwise.
     */
    public @Nullable Object suspendedOn() {
        if (state() != GeneratorState.SUSPENDED) {
            return null;
        }
        Object d = delegateOwner;
        return d != null ? d : handoff;
    }

    /**
     * Python's {@code gi_yieldfrom}: the delegate's owner or iterator while suspended inside
     * {@code yield from}; {@code null} while running (CPython reports none then, even while the delegate runs).
     */
    public @Nullable Object delegateOwner() {
        return state() == GeneratorState.RUNNING ? null : delegateOwner;
    }

    // ---------------------------------------------------------------- caller side

    /**
     * Python's {@code send(value)} ({@code next()} is {@code send(null)}): runs the body, or its
     * delegate, until the next yield and returns the yielded value.
     *
     * @throws IllegalArgumentException a non-null value before the start ("can't send non-None value
     *     to a just-started generator"); the core stays CREATED
     * @throws IllegalStateException "generator already executing"
     * @throws StopIteration when the body returns (with its value), and on every call after the end
     */
    @SuppressWarnings("unchecked")
    public @Nullable Y send(@Nullable S value) {
        return (Y) step(value, null, false, false);
    }

    /**
     * Python's {@code throw(t)}: raises {@code t} at the suspension point (in the innermost delegate
     * while delegating) and returns the next yielded value if the body catches it. On a CREATED core it
     * closes the core and throws {@code t} (a StopIteration as PEP 479's RuntimeException); on a CLOSED
     * one it throws {@code t} at once.
     */
    @SuppressWarnings("unchecked")
    public @Nullable Y throwInto(Throwable t) {
        if (t == null) {
            throw new NullPointerException("throwInto(t): t must be an exception to raise, not null");
        }
        return (Y) step(null, t, false, false);
    }

    /** What {@link #resume} returns once the body has returned; {@link #result()} then holds its value. */
    public static final Object RETURNED = new Object();

    /**
     * For drivers that poll for the end, such as an asyncio task: resumes like {@link #send} (when
     * {@code thrown} is null) or {@link #throwInto}, but reports that the body returned by returning
     * {@link #RETURNED} instead of throwing {@link StopIteration}, so no exception (and no stack trace)
     * is built per finished coroutine. Delegation to sub-cores uses it too.
     */
    public @Nullable Object resume(@Nullable S value, @Nullable Throwable thrown) {
        return step(value, thrown, true, false);
    }

    /**
     * {@link #resume}, called by an event loop's own task step on a stack that Coflow owns (see
     * {@code Fiber.resumeOnCleanStack}): the continuation engine then runs the body on this thread.
     */
    public @Nullable Object resumeOnCleanStack(@Nullable S value, @Nullable Throwable thrown) {
        return step(value, thrown, true, true);
    }

    private @Nullable Object step(@Nullable Object value, @Nullable Throwable thrown, boolean quiet,
            boolean cleanStack) {
        GeneratorState s = state();
        if (thrown == null) {
            if (s == GeneratorState.CREATED && value != null) {
                // Python's exact words; they already say what to do (start it with None, i.e. null)
                throw new IllegalArgumentException("can't send non-None value to a just-started " + kind().word());
            }
            if (s == GeneratorState.CLOSED) {
                throw new StopIteration();
            }
            claim(s);
            return advance(value, null, quiet, cleanStack);
        }
        if (s == GeneratorState.CLOSED) {
            throw Sneaky.raise(thrown);
        }
        if (s == GeneratorState.CREATED) {
            claim(s);
            Throwable raised = pep479(thrown);
            endWithout(raised);
            throw Sneaky.raise(raised);
        }
        claim(s);
        if (thrown instanceof GeneratorExit && delegate != null) {
            return advance(null, closeDelegate(thrown), quiet, cleanStack);
        }
        return advance(null, thrown, quiet, cleanStack);
    }

    /**
     * Python's {@code close()}: {@link GeneratorExit} at the suspension point (after closing the
     * delegate, if any). A return value during close is discarded, as in Python 3.11.
     *
     * @throws RuntimeException "generator ignored GeneratorExit" when the body yields again; it then
     *     stays SUSPENDED at that yield, and a second {@code close()} raises there
     */
    public void close() {
        GeneratorState s = state();
        if (s == GeneratorState.CLOSED) {
            return;
        }
        claim(s);
        GeneratorExit exit = new GeneratorExit();
        if (s == GeneratorState.CREATED) {
            endWithout(exit);
            return;
        }
        Throwable raise = delegate != null ? closeDelegate(exit) : exit;
        try {
            advance(null, raise, false, false);
        } catch (StopIteration | GeneratorExit ended) {
            if (!has(FAILED)) {
                fail(exit);
            }
            return;
        }
        throw new RuntimeException(kind().word() + " ignored GeneratorExit");
    }

    /** Closes the delegate first, as PEP 380 does; returns what to raise in this body. */
    private Throwable closeDelegate(Throwable exit) {
        Object d = delegate;
        delegate = null;
        delegateOwner = null;
        try {
            if (d instanceof GeneratorCore<?, ?, ?> core) {
                core.close();
            } else if (d instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Throwable t) {
            return t;
        }
        return exit;
    }

    private void claim(GeneratorState expected) {
        if (expected == GeneratorState.RUNNING || !claimState(expected)) {
            throw new IllegalStateException(kind().word() + " already executing");
        }
    }

    /**
     * Runs the body (or its delegate) until the next value; the state is RUNNING on entry. When the body
     * returns: {@link #RETURNED} if {@code quiet}, else {@link StopIteration}. {@code cleanStack}: the
     * caller owns the stack (see {@link #resumeOnCleanStack}); only a delegate core inherits it, never
     * user code such as a {@code yieldAll} iterator.
     */
    private @Nullable Object advance(@Nullable Object value, @Nullable Throwable thrown, boolean quiet,
            boolean cleanStack) {
        try {
            for (;;) {
                Object d = delegate;
                if (d != null) {
                    try {
                        Object next = forward(d, value, thrown, cleanStack);
                        if (next != RETURNED) {
                            setState(GeneratorState.SUSPENDED);
                            return next;
                        }
                        value = ((GeneratorCore<?, ?, ?>) d).result();
                        thrown = null;
                    } catch (StopIteration end) {
                        value = end.value();
                        thrown = null;
                    } catch (Throwable t) {
                        value = null;
                        thrown = t;
                    }
                    delegate = null;
                    delegateOwner = null;
                }
                set(THROWING, thrown != null);
                handoff = thrown != null ? thrown : value;
                if (cleanStack ? fiber.resumeOnCleanStack() : fiber.resume()) {
                    end();
                    if (has(FAILED)) {
                        throw Sneaky.raise(failure());
                    }
                    if (quiet) {
                        return RETURNED;
                    }
                    throw new StopIteration(returnValue());
                }
                if (!has(START_DELEGATION)) {
                    setState(GeneratorState.SUSPENDED);
                    Object yielded = handoff;
                    if (isGenerator()) {
                        // What a generator yielded belongs to its caller now; what a coroutine yields
                        // is what it awaits, which it keeps until resumed (see suspendedOn).
                        handoff = null;
                    }
                    return yielded;
                }
                set(START_DELEGATION, false);
                value = null;
                thrown = null;
            }
        } catch (Throwable t) {
            abandonIfStillRunning();
            throw t;
        }
    }

    /** One step of the delegate: its next value, or {@link #RETURNED} when a delegate core returned. */
    @SuppressWarnings("unchecked")
    private @Nullable Object forward(Object d, @Nullable Object value, @Nullable Throwable thrown,
            boolean cleanStack) {
        if (d instanceof GeneratorCore<?, ?, ?> core) {
            GeneratorCore<Y, Object, ?> sub = (GeneratorCore<Y, Object, ?>) core;
            sub.sink = sink;
            try {
                return sub.step(value, thrown, true, cleanStack);
            } finally {
                sub.sink = null;
            }
        }
        if (thrown != null) {
            throw Sneaky.raise(thrown);
        }
        Iterator<Y> it = (Iterator<Y>) d;
        if (value != null) {
            throw new UnsupportedOperationException("'" + it.getClass().getSimpleName()
                    + "' object has no attribute 'send': yieldAll delegates to a plain iterator,"
                    + " which can only be advanced with next()");
        }
        YieldSink<? super Y> s = sink;
        if (s == null) {
            if (!it.hasNext()) {
                throw new StopIteration();
            }
            return it.next();
        }
        do {
            if (!it.hasNext()) {
                throw new StopIteration();
            }
        } while (s.offer(it.next()));
        return null;
    }

    /** Ends a generator whose body never ran (close or throw before the start). */
    private void endWithout(Throwable cause) {
        fail(cause);
        end();
    }

    private void end() {
        set(FINISHED, true);
        handoff = null;
        setState(GeneratorState.CLOSED);
    }

    /** A failure outside the body (an engine error) must not leave the generator RUNNING forever. */
    private void abandonIfStillRunning() {
        if (state() == GeneratorState.RUNNING) {
            setState(fiber.isDone() ? GeneratorState.CLOSED : GeneratorState.SUSPENDED);
        }
    }

    private Throwable pep479(Throwable t) {
        if (t instanceof StopIteration) {
            return new RuntimeException(kind().word() + " raised StopIteration", t);
        }
        return t;
    }

    // ---------------------------------------------------------------- body side

    /** The fiber's entry point: runs the body once. Only the engine calls it. */
    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        try {
            received();
            outcome = body instanceof GeneratorBody<?, ?, ?> g
                    ? ((GeneratorBody<Y, S, R>) g).run(this)
                    : ((Callable<? extends R>) body).call();
        } catch (Throwable t) {
            fail(pep479(t));
        }
    }

    private void checkInBody() {
        if (state() != GeneratorState.RUNNING || Engines.currentFiber() != fiber) {
            throw new IllegalStateException("yield used outside its own " + kind().word()
                    + "'s body: a Yielder belongs to the body it was passed to, while that body runs");
        }
    }

    // the value handed in: an S from send, or the R2 a delegation ended with; the caller's type says which
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private <T> @Nullable T received() {
        Object in = handoff;
        handoff = null;
        if (has(THROWING)) {
            set(THROWING, false);
            throw Sneaky.raise((Throwable) Objects.requireNonNull(in));
        }
        return (T) in;
    }

    /** {@inheritDoc} */
    @Override
    public @Nullable S yield(@Nullable Y value) {
        checkInBody();
        YieldSink<? super Y> s = sink;
        if (s != null && s.offer(value)) {
            return null;
        }
        handoff = s == null ? value : null;
        suspendBody();
        return received();
    }

    /**
     * Suspends the body. A release by the engine (the owner became unreachable) is raised as
     * {@link GeneratorExit}, as CPython's finalizer closes a generator; a body that yields again after
     * that is reported once and then unwound for good.
     */
    private void suspendBody() {
        try {
            fiber.suspend();
        } catch (FiberReleased released) {
            if (has(RELEASED_ONCE)) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current,
                        new RuntimeException(kind().word() + " ignored GeneratorExit while being finalized"));
                throw released;
            }
            set(RELEASED_ONCE, true);
            // No caller claimed this step: the body runs on its own to finalize, so it is RUNNING.
            setState(GeneratorState.RUNNING);
            throw new GeneratorExit();
        }
    }

    /** Starts {@code yield from}: the caller's side runs the delegate once this body has suspended. */
    private void suspendToDelegate(Object target, Object targetOwner) {
        delegate = target;
        delegateOwner = targetOwner;
        set(START_DELEGATION, true);
        try {
            suspendBody();
        } catch (Throwable notSuspended) {
            delegate = null;
            delegateOwner = null;
            set(START_DELEGATION, false);
            throw notSuspended;
        }
    }

    /**
     * {@code yield from} another core: the caller's next/send/throw/close go straight to {@code sub}
     * until it ends; returns its return value. Coroutines use it for {@code await} of a coroutine.
     *
     * @param subOwner the public object of {@code sub}, kept reachable while delegating and reported
     *     by {@link #delegateOwner()}
     */
    public <R2> @Nullable R2 delegateTo(GeneratorCore<? extends Y, ?, R2> sub, Object subOwner) {
        checkInBody();
        suspendToDelegate(sub, subOwner);
        return received();
    }

    /** {@inheritDoc} */
    @Override
    public <R2> @Nullable R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub) {
        if (sub == null) {
            throw new NullPointerException("yieldFrom(sub): sub must be a generator, not null");
        }
        return delegateTo(GeneratorAccess.core(sub), sub);
    }

    /** {@inheritDoc} A {@link Generator} is delegated to as with {@link #yieldFrom}. */
    @Override
    public void yieldAll(Iterable<? extends Y> items) {
        if (items == null) {
            throw new NullPointerException("yieldAll(items): items must be an Iterable, not null");
        }
        if (items instanceof Generator<?, ?, ?> sub) {
            // yield from a generator forwards send, throw and close, whatever the static type says
            @SuppressWarnings("unchecked")
            Generator<? extends Y, ?, ?> typed = (Generator<? extends Y, ?, ?>) sub;
            delegateTo(GeneratorAccess.core(typed), sub);
            return;
        }
        checkInBody();
        Iterator<? extends Y> it = items.iterator();
        if (it == null) {
            throw new IllegalArgumentException("yieldAll(items): " + items.getClass().getName()
                    + ".iterator() returned null instead of an iterator");
        }
        suspendToDelegate(it, it);
        received();
    }
}
