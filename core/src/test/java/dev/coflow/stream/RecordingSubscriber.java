package dev.coflow.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Records every signal in order; {@code onNextAction} may request or cancel from inside onNext. */
final class RecordingSubscriber<T> implements Subscriber<T> {
    final List<Object> items = new ArrayList<>();
    final CountDownLatch terminated = new CountDownLatch(1);
    volatile Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;
    final AtomicInteger signalsAfterTerminal = new AtomicInteger();
    private final long initialRequest;
    private final BiConsumer<RecordingSubscriber<T>, T> onNextAction;

    RecordingSubscriber(long initialRequest) {
        this(initialRequest, (s, item) -> { });
    }

    RecordingSubscriber(long initialRequest, BiConsumer<RecordingSubscriber<T>, T> onNextAction) {
        this.initialRequest = initialRequest;
        this.onNextAction = onNextAction;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(T item) {
        checkNotTerminated();
        synchronized (items) {
            items.add(item);
        }
        onNextAction.accept(this, item);
    }

    @Override
    public void onError(Throwable t) {
        checkNotTerminated();
        error = t;
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        checkNotTerminated();
        completed = true;
        terminated.countDown();
    }

    private void checkNotTerminated() {
        if (terminated.getCount() == 0) {
            signalsAfterTerminal.incrementAndGet();
        }
    }

    List<Object> items() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    boolean awaitTerminal() throws InterruptedException {
        return terminated.await(10, TimeUnit.SECONDS);
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }
}
