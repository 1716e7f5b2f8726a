package dev.coflow.stream.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Records signals and every breach of the rules a racing publisher could commit: overlapping signals
 * (§1.3), signals after a terminal one (§1.7), items begun after {@code cancel()} returned (§3.12
 * allows only the one already under way, and the terminal signal that may come with it).
 */
final class CheckingSubscriber<T> implements Subscriber<T> {
    private final List<T> items = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final BiConsumer<CheckingSubscriber<T>, T> onNextAction;
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Subscription subscription;
    private volatile boolean cancelReturned;
    private final AtomicInteger signalsAfterCancelReturned = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    volatile Throwable error;
    private volatile boolean terminated;

    CheckingSubscriber() {
        this((s, item) -> { });
    }

    CheckingSubscriber(BiConsumer<CheckingSubscriber<T>, T> onNextAction) {
        this.onNextAction = onNextAction;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(T item) {
        enter("onNext(" + item + ")");
        items.add(item);
        onNextAction.accept(this, item);
        inFlight.decrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
        enter("onError(" + t + ")");
        error = t;
        terminated = true;
        inFlight.decrementAndGet();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        completions.incrementAndGet();
        terminated = true;
        inFlight.decrementAndGet();
    }

    private void enter(String signal) {
        if (inFlight.getAndIncrement() != 0) {
            violations.add("§1.3: " + signal + " overlapped another signal");
        }
        if (terminated) {
            violations.add("§1.7: " + signal + " after a terminal signal");
        }
        if (cancelReturned && signal.startsWith("onNext")) {
            signalsAfterCancelReturned.incrementAndGet(); // a terminal signal may follow the item already under way
        }
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
        cancelReturned = true;
    }

    /** Read only after the actors finished (the harness orders it after their writes). */
    List<T> items() {
        return items;
    }

    /** The rule breaches seen, plus more than the one in-flight signal after cancel returned. */
    List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        int late = signalsAfterCancelReturned.get();
        if (late > 1) {
            all.add("§3.12: " + late + " items began after cancel() returned");
        }
        return all;
    }
}
