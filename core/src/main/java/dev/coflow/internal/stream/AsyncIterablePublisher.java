package dev.coflow.internal.stream;

import static dev.coflow.aio.Aio.await;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncIterable;
import dev.coflow.aio.AsyncIterator;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Future;
import dev.coflow.aio.StopAsyncIteration;
import dev.coflow.aio.Task;
import dev.coflow.internal.aio.Demand;
import dev.coflow.internal.aio.Fatal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * An async iterable (an {@link AsyncGenerator}, or a lambda making one per call) as a Publisher driven by
 * an event loop (behind {@code Publishers.from(loop, iterable)}): each subscriber gets
 * {@code iterable.aiter()} (called as its task starts) and a task on the loop that awaits {@code anext()} only while there is demand,
 * so the body never runs ahead of it; cancelling cancels that task (a {@link CancelledError} at the
 * body's await, or its pending yield closed by {@code aclose()}), so the body's {@code finally} blocks
 * run, and they may await.
 *
 * @param <T> the type of the items
 */
public final class AsyncIterablePublisher<T> implements Publisher<T> {

    private final EventLoop loop;
    private final AsyncIterable<? extends T> iterable;

    /**
     * @param loop the loop whose tasks drive the iterators
     * @param iterable asked for a new iterator per subscriber
     */
    public AsyncIterablePublisher(EventLoop loop, AsyncIterable<? extends T> iterable) {
        this.loop = loop;
        this.iterable = iterable;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("§1.9: subscribe(subscriber) needs a Subscriber, not null");
        }
        Pump<T> pump = new Pump<>(loop, iterable, subscriber);
        subscriber.onSubscribe(pump);
        // The task is created on the loop, in a copy of the subscribing thread's context.
        if (!loop.offerThreadsafe(pump::start)) {
            pump.failEarly(new EventLoopClosedError());
        }
    }

    /**
     * One subscriber's stream: the Subscription (any thread) and the task that drives the iterator (the
     * loop's thread). All signals come from the task's steps, hence serially (§1.3). Requests only add
     * to the demand and, if the task waits for some, wake it; they never run the body (§3.3).
     */
    static final class Pump<T> implements Subscription {
        private static final VarHandle REQUESTED;
        private static final VarHandle HALT;
        private static final VarHandle WAITER;
        private static final Object CANCELLED = new Object();

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                REQUESTED = lookup.findVarHandle(Pump.class, "requested", long.class);
                HALT = lookup.findVarHandle(Pump.class, "halt", Object.class);
                WAITER = lookup.findVarHandle(Pump.class, "waiter", Future.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final EventLoop loop;
        private final AsyncIterable<? extends T> iterable;
        private volatile @Nullable Subscriber<? super T> actual;
        private volatile long requested;
        /** {@link #CANCELLED} or the §3.9 error; {@code null} while the stream runs. */
        private volatile @Nullable Object halt;
        /** The future the task awaits while there is no demand; completed by the next request. */
        private volatile @Nullable Future<@Nullable Void> waiter;
        /** Loop thread only. */
        private @Nullable Task<@Nullable Void> task;

        Pump(EventLoop loop, AsyncIterable<? extends T> iterable, Subscriber<? super T> actual) {
            this.loop = loop;
            this.iterable = iterable;
            this.actual = actual;
        }

        /** On the loop: starts the task, unless the subscriber has already left. */
        void start() {
            if (halt == CANCELLED) {
                actual = null;
                return;
            }
            task = loop.createTask(Coroutine.<@Nullable Void>of("Publishers.from(" + iterable + ")", this::run));
        }

        void failEarly(Throwable error) {
            Subscriber<? super T> a = actual;
            actual = null;
            if (a != null && HALT.compareAndSet(this, null, CANCELLED)) {
                a.onError(error);
            }
        }

        @Override
        public void request(long n) {
            IllegalArgumentException bad = Demand.validate(n);
            if (bad != null) {
                if (HALT.compareAndSet(this, null, bad)) {
                    wake(); // §3.9: the task signals it, after the current item
                }
                return;
            }
            if (Demand.add(REQUESTED, this, n) == 0) {
                wake();
            }
        }

        @Override
        public void cancel() {
            if (HALT.compareAndSet(this, null, CANCELLED)) {
                boolean taken = loop.offerThreadsafe(() -> {
                    Task<@Nullable Void> t = task;
                    if (t != null) {
                        t.cancel(); // CancelledError where the task waits: for demand, or in the body
                    }
                });
                if (!taken) {
                    actual = null; // a closed loop runs nothing more
                }
            }
        }

        private void wake() {
            Future<@Nullable Void> w = waiter;
            if (w != null && WAITER.compareAndSet(this, w, null)) {
                // Refused by a closed loop: the task will never run again anyway.
                loop.offerThreadsafe(() -> {
                    if (!w.done()) {
                        w.setResult(null);
                    }
                });
            }
        }

        /** The task's body: Python's {@code async for item in aiter: on_next(item)}, paced by demand. */
        private @Nullable Void run() throws Exception {
            AsyncIterator<? extends T> it = null;
            Throwable failure = null;
            try {
                // Making the iterator runs no body; one that cannot be made fails at once, demand or not (§1.4).
                it = iterable.aiter();
                while (awaitDemand()) {
                    T item;
                    try {
                        item = await(it.anext());
                    } catch (StopAsyncIteration end) {
                        break;
                    }
                    if (item == null) {
                        throw new NullPointerException("the async generator " + it + " yielded null, but"
                                + " Reactive Streams forbids null items (rule §2.13); yield a non-null value");
                    }
                    if (!emit(item)) {
                        break;
                    }
                }
            } catch (CancelledError c) {
                if (halt != CANCELLED) {
                    failure = c; // someone else cancelled the task: the subscriber must hear of it
                }
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                failure = t;
            } finally {
                failure = close(it, failure);
            }
            finish(failure);
            return null;
        }

        /** Waits on the loop until there is demand; {@code false} once the stream must stop. */
        private boolean awaitDemand() {
            for (;;) {
                if (halt != null) {
                    return false;
                }
                if (requested != 0) {
                    return true;
                }
                Future<@Nullable Void> w = loop.createFuture();
                waiter = w;
                if (halt != null || requested != 0) { // a request that came in before the waiter was set
                    waiter = null;
                    continue;
                }
                await(w);
            }
        }

        private boolean emit(T item) {
            Subscriber<? super T> a = actual;
            if (a == null || halt != null) {
                return false;
            }
            Demand.produced(REQUESTED, this, 1);
            a.onNext(item);
            return true;
        }

        /** Closes an async generator left suspended at a yield (its finally blocks may await). */
        private @Nullable Throwable close(@Nullable AsyncIterator<? extends T> it, @Nullable Throwable failure) {
            if (it instanceof AsyncGenerator<?> gen) {
                try {
                    await(gen.aclose());
                } catch (Throwable t) {
                    Fatal.rethrowIfFatal(t);
                    if (failure == null) {
                        return t;
                    }
                    failure.addSuppressed(t);
                }
            }
            return failure;
        }

        private void finish(@Nullable Throwable failure) {
            Subscriber<? super T> a = actual;
            actual = null;
            Object h = halt;
            if (h == CANCELLED) {
                if (failure != null) {
                    Undeliverable.report(failure);
                }
                return;
            }
            if (a == null) {
                return;
            }
            if (failure == null && h instanceof Throwable badRequest) {
                failure = badRequest;
            }
            HALT.compareAndSet(this, h, CANCELLED); // terminal: later requests and cancels are no-ops
            if (failure == null) {
                a.onComplete();
            } else {
                a.onError(failure);
            }
        }
    }
}
