package dev.coflow.aio;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Awaits a Publisher of at most one item: subscribes, asks for two items (the second one, if any, is
 * an error: {@code await} accepts a Mono/Single-like publisher), and completes a loop future with the
 * item, or null when the publisher completes empty (a {@code Mono<Void>}). Signals may come from any
 * thread; the future is completed on the loop. Cancelling the future cancels the subscription.
 */
final class SingleItemSubscriber<T extends @Nullable Object> implements Subscriber<T> {

    private final Future<T> future;
    private final Object publisher;
    /** Set once: the first terminal outcome wins; later signals are dropped (§1.7 says there are none). */
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile @Nullable Subscription subscription;
    private @Nullable T item;
    private boolean hasItem;
    /** When the outcome arrived synchronously, on the loop's own control flow. */
    private @Nullable Runnable syncOutcome;
    private volatile boolean subscribing = true;
    private volatile boolean cancelled;
    private final Thread subscriber = Thread.currentThread();

    SingleItemSubscriber(Future<T> future, Object publisher) {
        this.future = future;
        this.publisher = publisher;
    }

    /** Subscribes; returns whether the outcome is already on the future (a synchronous publisher). */
    boolean subscribeTo(org.reactivestreams.Publisher<T> p) {
        p.subscribe(this);
        subscribing = false;
        Runnable r = syncOutcome;
        if (r != null) {
            r.run();
            return true;
        }
        return false;
    }

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "onSubscribe(s): §2.13 a Subscription must not be null");
        if (subscription != null) {
            s.cancel(); // §2.5: a second subscription is cancelled
            return;
        }
        subscription = s;
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(2);
    }

    /** The awaiting task was cancelled (runs on the loop): §3.5 cancel may come from any thread. */
    void cancelUpstream() {
        cancelled = true;
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onNext(T value) {
        Objects.requireNonNull(value, "onNext(value): §2.13 an item must not be null");
        if (finished.get()) {
            return;
        }
        if (hasItem) {
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            finish(new IllegalArgumentException("await(publisher): " + publisher + " emitted more than one"
                    + " item; await accepts a publisher of at most one item (a Mono, a Single); to consume"
                    + " a stream use Aio.iterate(publisher) or collect it into a list first"), null);
            return;
        }
        hasItem = true;
        item = value;
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "onError(t): §2.13 a Throwable must not be null");
        finish(t, null);
    }

    @Override
    public void onComplete() {
        finish(null, item);
    }

    private void finish(@Nullable Throwable error, @Nullable T value) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Runnable outcome = () -> {
            if (future.done()) {
                return;
            }
            if (error != null) {
                future.setException(error);
            } else {
                future.setResult(value);
            }
        };
        if (subscribing && Thread.currentThread() == subscriber) {
            syncOutcome = outcome;
        } else {
            future.loop.callSoonThreadsafe(outcome);
        }
    }
}
