package dev.coflow.aio;

import dev.coflow.internal.aio.Demand;
import dev.coflow.internal.gen.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Any Reactive Streams {@link Publisher} as an async iterator inside a coroutine: Python's
 * {@code async for item in aiter}, made with {@code Aio.iterate(publisher)}. {@link #hasNext()} suspends
 * the calling coroutine (not its thread) until the next item, the end or an error arrives.
 *
 * <p>Backpressure with a bounded prefetch: the first {@code hasNext()} requests {@code prefetch} items
 * ({@value #DEFAULT_PREFETCH} by default), and each time three quarters of them have been consumed it
 * requests that many again, so at most {@code prefetch} items are ever buffered. The publisher may signal
 * from any thread; the items are handed to the coroutine on its event loop.
 *
 * <p>Leaving early cancels the upstream: {@link #close()} does, so iterate inside try-with-resources;
 * an exception or a cancellation of the task while waiting in {@code hasNext()} cancels it too. The end
 * of the stream closes it by itself.
 *
 * <p>Thread-safety: use it from the coroutine that created it.
 *
 * <pre>{@code
 * Coroutine<Integer> total = Coroutine.of(() -> {
 *     int sum = 0;
 *     try (PublisherIterator<Integer> items = Aio.iterate(Flux.range(1, 1000))) {
 *         for (int i : items) {            // async for i in items
 *             if (i > 100) break;          // close() cancels the Flux
 *             sum += i;
 *         }
 *     }
 *     return sum;
 * });
 * }</pre>
 *
 * @param <T> the type of the items
 */
@SuppressWarnings("IterableAndIterator") // as a Python iterator, its own iterable: for (T item : items)
public final class PublisherIterator<T> implements Iterator<T>, Iterable<T>, AsyncIterator<T>, AutoCloseable {

    /** Items requested at first and kept buffered at most, unless another amount is given. */
    public static final int DEFAULT_PREFETCH = 32;

    private final EventLoop loop;
    private final Inbox<T> inbox;
    private final int prefetch;
    private final int replenishAt;
    private int consumed;
    private boolean started;
    private boolean closed;
    private @Nullable T lookahead;

    private PublisherIterator(EventLoop loop, int prefetch) {
        this.loop = loop;
        this.prefetch = prefetch;
        this.replenishAt = prefetch - (prefetch >> 2);
        this.inbox = new Inbox<>(loop);
    }

    /**
     * Subscribes to {@code publisher} and returns the iterator over it, for the coroutine running on this
     * thread; no item is requested before the first {@link #hasNext()}.
     *
     * @param prefetch how many items to request at once and buffer at most, at least 1
     * @throws IllegalStateException outside a coroutine or event loop callback ("no running event loop")
     * @throws IllegalArgumentException if {@code prefetch} is less than 1
     */
    public static <T> PublisherIterator<T> over(Publisher<T> publisher, int prefetch) {
        Objects.requireNonNull(publisher, "iterate(publisher): publisher must not be null");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
        PublisherIterator<T> it = new PublisherIterator<>(Aio.getRunningLoop(), prefetch);
        publisher.subscribe(it.inbox);
        return it;
    }

    /**
     * Whether there is another item, waiting for it if needed: awaits, so call it from a coroutine.
     * Throws the publisher's error, unwrapped, once the items before it have been consumed.
     */
    @Override
    public boolean hasNext() {
        if (lookahead != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        if (!started) {
            started = true;
            inbox.request(prefetch);
        }
        for (;;) {
            T item = inbox.queue.poll();
            if (item != null) {
                lookahead = item;
                if (++consumed == replenishAt) {
                    consumed = 0;
                    inbox.request(replenishAt);
                }
                return true;
            }
            if (inbox.done && inbox.queue.isEmpty()) {
                closed = true;
                Throwable error = inbox.error;
                if (error != null) {
                    throw Sneaky.raise(error);
                }
                return false;
            }
            awaitSignal();
        }
    }

    /** The next item: Python's {@code await anext(it)}; awaits like {@link #hasNext()}. */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the publisher has completed");
        }
        T item = Objects.requireNonNull(lookahead);
        lookahead = null;
        return item;
    }

    /**
     * A coroutine that returns the next item, or raises {@link StopAsyncIteration} at the end: Python's
     * {@code await anext(it)}, so that {@code Aio.forEach(Aio.iterate(publisher), item -> ...)} works too.
     */
    @Override
    public Coroutine<T> anext() {
        return Coroutine.of("PublisherIterator.anext", () -> {
            if (!hasNext()) {
                throw new StopAsyncIteration();
            }
            return next();
        });
    }

    /** This iterator itself, as {@code iter(it) is it} in Python, so that a for-each loop can use it. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /** Cancels the upstream and drops what is buffered; a no-op once the stream has ended. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lookahead = null;
            inbox.cancel();
        }
    }

    private void awaitSignal() {
        Future<@Nullable Void> signal = loop.createFuture();
        inbox.waiter = signal;
        // A signal that came in before the waiter was published would not wake it: look once more.
        if (!inbox.queue.isEmpty() || inbox.done) {
            inbox.waiter = null;
            return;
        }
        try {
            Aio.await(signal);
        } catch (Throwable t) {
            close(); // a cancelled task (or any failure) must not leave the upstream running
            throw t;
        }
    }

    @Override
    public String toString() {
        return "<PublisherIterator prefetch=" + prefetch + (closed ? " closed>" : ">");
    }

    /** The Subscriber side: takes signals on any thread and wakes the coroutine on its loop. */
    private static final class Inbox<T> implements Subscriber<T> {
        private static final VarHandle PENDING;
        private static final VarHandle WAITER;
        private static final Subscription CANCELLED = new Subscription() {
            @Override
            public void request(long n) {
                // cancelled before onSubscribe
            }

            @Override
            public void cancel() {
                // cancelled before onSubscribe
            }
        };

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                PENDING = lookup.findVarHandle(Inbox.class, "pending", long.class);
                WAITER = lookup.findVarHandle(Inbox.class, "waiter", Future.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final EventLoop loop;
        final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
        private volatile @Nullable Subscription upstream;
        /** Demand asked for before {@code onSubscribe} arrived (it may come later, from another thread). */
        @SuppressWarnings("UnusedVariable") // read and written through PENDING
        private volatile long pending;
        volatile @Nullable Future<@Nullable Void> waiter;
        volatile boolean done;
        /** Written before {@link #done}. */
        @Nullable Throwable error;

        Inbox(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "onSubscribe(s): §2.13 a Subscription must not be null");
            if (upstream != null) {
                s.cancel(); // §2.5: a second subscription, or cancelled already
                return;
            }
            upstream = s;
            long r = (long) PENDING.getAndSet(this, 0L);
            if (r != 0) {
                s.request(r);
            }
        }

        void request(long n) {
            Subscription s = upstream;
            if (s != null) {
                s.request(n);
                return;
            }
            Demand.add(PENDING, this, n);
            s = upstream;
            if (s != null) {
                long r = (long) PENDING.getAndSet(this, 0L);
                if (r != 0) {
                    s.request(r);
                }
            }
        }

        void cancel() {
            Subscription s = upstream;
            upstream = CANCELLED;
            if (s != null) {
                s.cancel();
            }
            queue.clear();
        }

        @Override
        public void onNext(T item) {
            queue.offer(Objects.requireNonNull(item, "onNext(item): §2.13 an item must not be null"));
            wake();
        }

        @Override
        public void onError(Throwable t) {
            error = Objects.requireNonNull(t, "onError(t): §2.13 a Throwable must not be null");
            done = true;
            wake();
        }

        @Override
        public void onComplete() {
            done = true;
            wake();
        }

        @SuppressWarnings("unchecked")
        private void wake() {
            Future<@Nullable Void> w = waiter;
            if (w != null && WAITER.compareAndSet(this, w, null)) {
                loop.callSoonThreadsafe(() -> {
                    if (!w.done()) {
                        w.setResult(null);
                    }
                });
            }
        }
    }
}
