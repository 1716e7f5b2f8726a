package dev.coflow.internal.stream;

import dev.coflow.gen.Generator;
import dev.coflow.gen.StopIteration;
import dev.coflow.internal.aio.Demand;
import dev.coflow.internal.engine.Engines;
import dev.coflow.internal.gen.GeneratorAccess;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.YieldSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
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
        subscriber.onSubscribe(new GeneratorSubscription<T>(subscriber, generator, undeliverable));
    }

    private static void rejectWith(Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(EmptySubscription.INSTANCE); // §1.9: onSubscribe before any other signal
        subscriber.onError(error);
    }

    /**
     * One subscriber's stream: Python's {@code next()} driven by demand, {@code close()} on cancel.
     *
     * <p>The demand field is also the drain loop's work-in-progress counter (the FluxGenerate shape):
     * whoever raises it from zero runs the loop on its own thread, resuming the generator there. The
     * body runs ahead within demand without a switch per item and suspends at the yield that uses the
     * last of it: on the continuation engine it calls {@code onNext} from its own {@code yield} (it runs
     * on the loop's thread anyway); on the virtual-thread engine, where the body has a thread of its
     * own, it fills a small batch that the loop then emits from its own thread, so that signals never
     * come from a thread other than the one driving the stream (a subscriber holding a lock across
     * {@code request} would otherwise deadlock, and §1.3 checkers would object). A request
     * made meanwhile (from {@code onNext} or another thread) only adds to the counter, which keeps the
     * stack flat (§3.3). {@code cancel()} and a bad request record why the stream stops and claim the
     * cleanup through the same counter: the loop, if one runs, closes the generator after the current
     * emission; otherwise the caller closes it, the body being suspended. Either way the generator is
     * never closed while its body runs.
     */
    static final class GeneratorSubscription<T> implements Subscription, YieldSink<T> {

        private static final VarHandle REQUESTED;
        private static final VarHandle HALT;
        private static final Object CANCELLED = new Object();
        /** At most this many items per switch on the virtual-thread engine. */
        private static final int BATCH = 128;
        private static final boolean INLINE = Engines.engine().bodyRunsOnResumingThread();

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                REQUESTED = lookup.findVarHandle(GeneratorSubscription.class, "requested", long.class);
                HALT = lookup.findVarHandle(GeneratorSubscription.class, "halt", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Subscriber<? super T> actual;
        private final Generator<? extends T, ?, ?> generator;
        private final Consumer<? super Throwable> undeliverable;
        private final GeneratorCore<? extends T, ?, ?> core;
        private volatile long requested;
        /** Why the stream stops: {@link #CANCELLED} or the §3.9 error; {@code null} while it runs. */
        private volatile @Nullable Object halt;
        // Confined to the drain loop and the body it resumes: the fiber handoff orders them, and the
        // demand counter orders one loop owner before the next.
        private long emitted;
        private @Nullable Throwable failure;
        /** Items the body yielded on the virtual-thread engine, emitted by the loop after the switch. */
        private @Nullable Object @Nullable [] batch;
        private int batched;

        GeneratorSubscription(Subscriber<? super T> actual, Generator<? extends T, ?, ?> generator,
                Consumer<? super Throwable> undeliverable) {
            this.actual = actual;
            this.undeliverable = undeliverable;
            this.generator = generator;
            this.core = GeneratorAccess.core(generator);
        }

        @Override
        public void request(long n) {
            IllegalArgumentException bad = Demand.validate(n);
            if (bad != null) {
                stop(bad); // §3.9
                return;
            }
            if (Demand.add(REQUESTED, this, n) == 0) {
                drain();
            }
        }

        @Override
        public void cancel() {
            stop(CANCELLED);
        }

        /** The first reason wins (§3.6, §3.7: later calls are no-ops); cleanup is claimed like a request. */
        private void stop(Object reason) {
            if (HALT.compareAndSet(this, null, reason) && Demand.add(REQUESTED, this, 1) == 0) {
                drain();
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
            if (!INLINE) {
                prepareBatch();
            }
            boolean ended = false;
            Throwable outcome = null;
            core.streamTo(this);
            try {
                core.send(null);
            } catch (StopIteration end) {
                ended = true;
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                ended = true;
                outcome = t;
            } finally {
                core.streamTo(null); // a suspended body must not keep its subscriber reachable
            }
            if (batched != 0) {
                emitBatch();
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

        /** Called at each yield, on the body's side: takes the item and says whether the body may run on. */
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
            @Nullable Object[] b = batch;
            if (b != null) {
                b[batched++] = item;
                return batched != b.length && emitted != requested && halt == null;
            }
            try {
                actual.onNext(item);
            } catch (Throwable t) {
                // §2.13: the subscriber broke the contract; stop the body and tell it, as Reactor does
                Fatal.rethrowIfFatal(t);
                failure = t;
                return false;
            }
            return emitted != requested && halt == null;
        }

        /** Sizes the batch to the demand outstanding, up to {@link #BATCH}, reusing it when big enough. */
        private void prepareBatch() {
            long outstanding = requested - emitted;
            int size = (int) Math.min(BATCH, outstanding < 0 ? BATCH : outstanding);
            @Nullable Object[] b = batch;
            if (b == null || b.length < size) {
                batch = new Object[size];
            }
        }

        /** Emits the batch on the loop's thread; after a cancel or a throwing onNext the rest is dropped. */
        @SuppressWarnings("unchecked")
        private void emitBatch() {
            @Nullable Object[] b = Objects.requireNonNull(batch);
            int n = batched;
            batched = 0;
            boolean stopped = false;
            for (int i = 0; i < n; i++) {
                T item = (T) b[i];
                b[i] = null;
                if (stopped || halt != null) {
                    continue;
                }
                try {
                    actual.onNext(item);
                } catch (Throwable t) {
                    Fatal.rethrowIfFatal(t);
                    failure = t; // §2.13, as in offer; it happened before any null item later in the batch
                    stopped = true;
                }
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
