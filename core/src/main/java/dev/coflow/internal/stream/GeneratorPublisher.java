package dev.coflow.internal.stream;

import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
import dev.coflow.gen.StopIteration;
import dev.coflow.internal.aio.Demand;
import dev.coflow.internal.aio.Fatal;
import dev.coflow.internal.context.ThreadContext;
import dev.coflow.internal.gen.GeneratorAccess;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.YieldSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A cold Publisher over generators: each subscriber gets a fresh generator from the supplier, and
 * {@code request(n)} runs its body until it has yielded n more items (behind {@code Publishers.from}).
 *
 * <p>The assembly object only holds the supplier; all state lives in the per-subscription
 * {@link GeneratorSubscription}.
 *
 * @param <T> the type of the items
 */
public final class GeneratorPublisher<T> implements Publisher<T> {

    private final Supplier<? extends Generator<? extends T, ?, ?>> generators;
    private final Consumer<? super Throwable> undeliverable;

    /**
     * @param generators called once per subscriber, for a new generator
     * @param undeliverable where errors go that no subscriber can receive any more (a generator failing
     *     while it is closed after {@code cancel()}); fatal errors are rethrown before it is called
     */
    public GeneratorPublisher(Supplier<? extends Generator<? extends T, ?, ?>> generators,
            Consumer<? super Throwable> undeliverable) {
        this.generators = generators;
        this.undeliverable = undeliverable;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("§1.9: subscribe(subscriber) needs a Subscriber, not null");
        }
        Generator<? extends T, ?, ?> generator;
        try {
            generator = generators.get();
        } catch (Throwable t) {
            Fatal.rethrowIfFatal(t);
            rejectWith(subscriber, t);
            return;
        }
        if (generator == null) {
            rejectWith(subscriber, new NullPointerException("the generator supplier returned null: it must"
                    + " return a new generator for each subscriber, e.g. () -> Generator.of(y -> ...)"));
            return;
        }
        GeneratorState state = GeneratorAccess.core(generator).state();
        if (state != GeneratorState.CREATED) {
            rejectWith(subscriber, new IllegalStateException("the generator supplier returned a generator that"
                    + " has started already (" + state + "): a generator runs once, as in Python, so each"
                    + " subscriber needs a new one: return Generator.of(...) from the supplier, not a shared"
                    + " generator"));
            return;
        }
        GeneratorSubscription<T> subscription = new GeneratorSubscription<>(subscriber, generator, undeliverable);
        subscriber.onSubscribe(subscription);
        subscription.activate();
    }

    private static void rejectWith(Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(EmptySubscription.INSTANCE); // §1.9: onSubscribe before any other signal
        subscriber.onError(error);
    }

    /**
     * One subscriber's stream: Python's {@code next()} driven by demand, {@code close()} on cancel.
     *
     * <p>The demand field is also the drain loop's work-in-progress counter (the FluxGenerate shape):
     * whoever raises it from zero starts the loop, on a virtual thread of Coflow's ({@link #DRAINS}),
     * and returns at once. The loop resumes the generator from that thread; the body, on a virtual
     * thread of its own on both engines, emits each item itself, from its
     * {@code yield} ({@link #offer}), and runs on within demand without a switch per item; it suspends
     * at the yield that uses the last of it. So side effects interleave as in Python's
     * {@code for x in gen} (yield 1, onNext 1, yield 2, ...) on both engines, and the requesting thread
     * (a Netty event loop, say) never waits for a body or holds a lock a body might need. A request
     * made meanwhile (from {@code onNext} or another thread) only adds to the counter, which keeps the
     * stack flat (§3.3). {@code cancel()} and a bad request record why the stream stops and claim the
     * cleanup through the same counter: the loop closes the generator after the current emission, or
     * starts to close it when none runs. Either way the generator is never closed while its body runs,
     * and signals are serialized (§1.3) by the counter.
     */
    static final class GeneratorSubscription<T> implements Subscription, YieldSink<T> {

        private static final VarHandle REQUESTED;
        private static final VarHandle HALT;
        private static final VarHandle DEFERRED;
        private static final Object CANCELLED = new Object();
        /** Starts drain loops; the threads are virtual, so a body that blocks costs no platform thread. */
        private static final ThreadFactory DRAINS = Thread.ofVirtual().name("coflow-stream").factory();
        /**
         * How long a body may emit without parking before it lets the other virtual threads run. A body
         * whose subscriber keeps up (demand never runs out) never parks, and the JDK does not time-slice
         * virtual threads: a few such streams held every carrier thread for seconds under a WebFlux load,
         * while the event loop and the other streams' drains waited runnable. A millisecond keeps the
         * cost out of sight (one short timed park per millisecond of emitting).
         */
        private static final long SLICE_NANOS = 1_000_000;
        /** Items between two looks at the clock: reading it for every item would cost more than the item. */
        private static final int SLICE_CHECK = 64;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                REQUESTED = lookup.findVarHandle(GeneratorSubscription.class, "requested", long.class);
                HALT = lookup.findVarHandle(GeneratorSubscription.class, "halt", Object.class);
                DEFERRED = lookup.findVarHandle(GeneratorSubscription.class, "deferred", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Subscriber<? super T> actual;
        private final Generator<? extends T, ?, ?> generator;
        private final Consumer<? super Throwable> undeliverable;
        private final GeneratorCore<? extends T, ?, ?> core;
        /** The subscriber's thread-local context, set around every step ({@link ThreadContext}). */
        private final @Nullable Object threadLocals;
        private volatile long requested;
        /** Why the stream stops: {@link #CANCELLED} or the §3.9 error; {@code null} while it runs. */
        private volatile @Nullable Object halt;
        /** Set once {@code onSubscribe} has returned: no signal may overlap it (§1.3). */
        private volatile boolean active;
        /** A drain claimed before {@link #active}, which {@link #activate} then starts. */
        @SuppressWarnings("UnusedVariable") // read through DEFERRED
        private volatile boolean deferred;
        // Confined to the drain loop and the body it resumes: the fiber handoff orders them, and the
        // demand counter orders one loop owner before the next.
        private long emitted;
        private @Nullable Throwable failure;
        /** When the body's current run on its carrier began, and items since the last look at the clock. */
        private long sliceStart;
        private int sinceCheck;

        GeneratorSubscription(Subscriber<? super T> actual, Generator<? extends T, ?, ?> generator,
                Consumer<? super Throwable> undeliverable) {
            this.actual = actual;
            this.undeliverable = undeliverable;
            this.generator = generator;
            this.core = GeneratorAccess.core(generator);
            this.threadLocals = ThreadContext.capture();
        }

        @Override
        public void request(long n) {
            IllegalArgumentException bad = Demand.validate(n);
            if (bad != null) {
                stop(bad); // §3.9
                return;
            }
            if (Demand.add(REQUESTED, this, n) == 0) {
                startDrain();
            }
        }

        @Override
        public void cancel() {
            stop(CANCELLED);
        }

        /** The first reason wins (§3.6, §3.7: later calls are no-ops); cleanup is claimed like a request. */
        private void stop(Object reason) {
            if (HALT.compareAndSet(this, null, reason) && Demand.add(REQUESTED, this, 1) == 0) {
                startDrain();
            }
        }

        /**
         * Starts the drain loop that the caller claimed; while {@code onSubscribe} still runs, leaves it
         * to {@link #activate}. Exactly one of the two starts it: each sets its flag, then takes the other.
         */
        private void startDrain() {
            if (!active) {
                deferred = true;
                if (!active || !DEFERRED.compareAndSet(this, true, false)) {
                    return;
                }
            }
            DRAINS.newThread(this::drain).start();
        }

        /** Called once {@code onSubscribe} has returned. */
        void activate() {
            active = true;
            if (DEFERRED.compareAndSet(this, true, false)) {
                DRAINS.newThread(this::drain).start();
            }
        }

        private void drain() {
            for (;;) {
                if (halt != null) {
                    terminate(null);
                    return;
                }
                if (emitted != requested) {
                    if (!resume()) {
                        return;
                    }
                    continue;
                }
                long done = emitted;
                emitted = 0;
                if (Demand.produced(REQUESTED, this, done) == 0) {
                    return;
                }
            }
        }

        /** Runs the body until it used up the demand or was stopped; {@code false} once terminated. */
        private boolean resume() {
            boolean ended = false;
            Throwable outcome = null;
            core.streamTo(this);
            sliceStart = System.nanoTime();
            AutoCloseable scope = ThreadContext.open(threadLocals);
            try {
                core.send(null);
            } catch (StopIteration end) {
                ended = true;
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                ended = true;
                outcome = t;
            } finally {
                ThreadContext.close(scope);
                core.streamTo(null); // a suspended body must not keep its subscriber reachable
            }
            Throwable f = failure;
            if (f != null) {
                terminate(f);
                return false;
            }
            if (ended) {
                terminate(outcome);
                return false;
            }
            return true;
        }

        /** Called at each yield, on the body's side: emits the item and says whether the body may run on. */
        @Override
        public boolean offer(@Nullable T item) {
            if (halt != null) {
                return false;
            }
            if (item == null) {
                failure = nullItem();
                return false;
            }
            emitted++;
            try {
                actual.onNext(item);
            } catch (Throwable t) {
                // §2.13: the subscriber broke the contract; stop the body and tell it, as Reactor does
                Fatal.rethrowIfFatal(t);
                failure = t;
                return false;
            }
            if (emitted == requested || halt != null) {
                return false;
            }
            if (++sinceCheck == SLICE_CHECK) {
                sinceCheck = 0;
                yieldIfSliceUsed();
            }
            return true;
        }

        /**
         * On the body's thread: lets the other virtual threads run once it has emitted for a slice. Not
         * with {@code Thread.yield}: a carrier runs the tasks of its own queue before it looks at any
         * other, so two yielding bodies on one carrier take turns there for ever while threads woken from
         * elsewhere (the event loop's, a drain started by a Netty thread) wait. A timed park comes back
         * through the scheduler's shared queue, behind them.
         */
        private void yieldIfSliceUsed() {
            long now = System.nanoTime();
            if (now - sliceStart >= SLICE_NANOS) {
                LockSupport.parkNanos(this, 1);
                sliceStart = System.nanoTime();
            }
        }

        /**
         * Closes the generator (a no-op once its body ended) so its finally blocks run, then signals
         * the outcome, unless the subscriber cancelled: then an error can only be reported (§3.12).
         */
        private void terminate(@Nullable Throwable error) {
            Throwable closeFailure = null;
            try {
                generator.close();
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                closeFailure = t;
            }
            Object h = halt;
            if (h == CANCELLED) {
                if (error != null) {
                    Fatal.rethrowIfFatal(error);
                    undeliverable.accept(error);
                }
                if (closeFailure != null) {
                    undeliverable.accept(closeFailure);
                }
                return;
            }
            if (error == null && h instanceof Throwable badRequest) {
                error = badRequest;
            }
            if (closeFailure != null) {
                if (error == null) {
                    error = closeFailure;
                } else {
                    error.addSuppressed(closeFailure);
                }
            }
            if (error == null) {
                actual.onComplete();
            } else {
                actual.onError(error);
            }
        }

        private NullPointerException nullItem() {
            return new NullPointerException("the generator " + yieldSite() + " yielded null, but Reactive"
                    + " Streams forbids null items (rule §2.13: onNext(null) must throw); yield a non-null"
                    + " value (an Optional or a sentinel for 'no value'), or return to end the stream");
        }

        /** The body's frame that called yield, or which iterator a yieldAll took the null from. */
        private String yieldSite() {
            String yielder = GeneratorCore.class.getName();
            String site = StackWalker.getInstance().walk(frames -> {
                boolean belowYield = false;
                for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                    if (belowYield) {
                        return frame.toStackTraceElement().toString();
                    }
                    belowYield = frame.getClassName().equals(yielder) && frame.getMethodName().equals("yield");
                }
                return null;
            });
            return site != null ? "at " + site : "(an iterable passed to yieldAll, " + generator + ")";
        }
    }
}
