package dev.coflow.internal.aio;

import dev.coflow.aio.CancelledError;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link Future} (or {@link dev.coflow.aio.Task}) as a Publisher of at most one item, Mono-like: its
 * result is {@code onNext} + {@code onComplete} once requested, a {@code null} result is a bare
 * {@code onComplete}, its exception (or {@link CancelledError}) is {@code onError}. Hot: the future runs
 * whether or not anyone subscribes, every subscriber sees the same outcome, and cancelling a
 * subscription only detaches that subscriber (behind {@code Publishers.from(future)}).
 *
 * @param <T> the type of the result
 */
public final class FuturePublisher<T extends @Nullable Object> implements Publisher<T> {

    private final Future<T> future;

    /** @param future the future whose outcome every subscriber receives */
    public FuturePublisher(Future<T> future) {
        this.future = future;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("§1.9: subscribe(subscriber) needs a Subscriber, not null");
        }
        FutureSubscription<T> subscription = new FutureSubscription<>(subscriber);
        subscriber.onSubscribe(subscription);
        EventLoop loop = future.getLoop();
        // A future is read and watched on its loop's thread only; its callback runs there too.
        if (!loop.offerThreadsafe(() -> future.addDoneCallback(subscription::completed))) {
            // The loop is closed, so nothing can change the future any more: its state is safe to read here.
            subscription.completed(future);
        }
    }

    /**
     * One subscriber's view, the deferred-scalar state machine: the outcome arrives on the loop thread,
     * the request from any thread, and whichever comes second emits. Every terminal path wins one CAS
     * to {@link #DONE}, so exactly one of them signals (§1.3, §1.7).
     */
    static final class FutureSubscription<T extends @Nullable Object> implements Subscription {

        private static final int NO_REQUEST_NO_VALUE = 0;
        private static final int NO_REQUEST_HAS_VALUE = 1;
        private static final int HAS_REQUEST_NO_VALUE = 2;
        private static final int DONE = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(FutureSubscription.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Dropped once done, so that a future that never completes does not keep the subscriber (§3.13). */
        private volatile @Nullable Subscriber<? super T> actual;
        private volatile int state;
        /** Written before the CAS that publishes it. */
        private @Nullable T value;

        FutureSubscription(Subscriber<? super T> actual) {
            this.actual = actual;
        }

        /** The future is done: runs on its loop's thread (or any thread once the loop is closed). */
        void completed(Future<T> future) {
            if (state == DONE) {
                return; // cancelled: leave the outcome unretrieved for those who still want it
            }
            Throwable error;
            T result = null;
            if (!future.done()) {
                error = new IllegalStateException("the event loop of " + future + " is closed: it can never"
                        + " complete; subscribe before closing the loop");
            } else {
                try {
                    error = future.exception();
                    if (error == null) {
                        result = future.result();
                    }
                } catch (CancelledError cancelled) {
                    error = cancelled;
                }
            }
            if (error != null) {
                terminate(error);
                return;
            }
            if (result == null) {
                terminate(null); // no item: complete at once, demand or not
                return;
            }
            value = result;
            for (;;) {
                int s = state;
                if (s == HAS_REQUEST_NO_VALUE) {
                    if (STATE.compareAndSet(this, s, DONE)) {
                        emit(result);
                        return;
                    }
                } else if (s == NO_REQUEST_NO_VALUE) {
                    if (STATE.compareAndSet(this, s, NO_REQUEST_HAS_VALUE)) {
                        return;
                    }
                } else {
                    return; // cancelled
                }
            }
        }

        @Override
        public void request(long n) {
            IllegalArgumentException bad = Demand.validate(n);
            if (bad != null) {
                terminate(bad); // §3.9
                return;
            }
            for (;;) {
                int s = state;
                if (s == NO_REQUEST_HAS_VALUE) {
                    if (STATE.compareAndSet(this, s, DONE)) {
                        T v = value;
                        value = null;
                        emit(v);
                        return;
                    }
                } else if (s == NO_REQUEST_NO_VALUE) {
                    if (STATE.compareAndSet(this, s, HAS_REQUEST_NO_VALUE)) {
                        return;
                    }
                } else {
                    return; // already requested, done or cancelled (§3.6)
                }
            }
        }

        @Override
        public void cancel() {
            if ((int) STATE.getAndSet(this, DONE) != DONE) {
                value = null;
                actual = null;
            }
        }

        @SuppressWarnings("NullAway") // a non-null item: a null result completes empty
        private void emit(@Nullable T item) {
            Subscriber<? super T> a = actual;
            actual = null;
            if (a != null) {
                a.onNext(item);
                a.onComplete();
            }
        }

        private void terminate(@Nullable Throwable error) {
            if ((int) STATE.getAndSet(this, DONE) == DONE) {
                return; // cancelled meanwhile; the outcome stays on the future for others to read
            }
            Subscriber<? super T> a = actual;
            actual = null;
            value = null;
            if (a == null) {
                return;
            }
            if (error == null) {
                a.onComplete();
            } else {
                a.onError(error);
            }
        }
    }
}
