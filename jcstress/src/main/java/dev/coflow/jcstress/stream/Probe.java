package dev.coflow.jcstress.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscriber that counts what it receives and the Reactive Streams rules it sees broken: an
 * {@code onNext} overlapping another (§1.3), items out of order, a second terminal signal.
 *
 * <p>Python counterpart: none; a test probe. Thread-safety: its signals may come from any thread (that is
 * what it checks); read its counts after the signals happened-before the read (a jcstress arbiter).
 *
 * <pre>{@code
 * Probe probe = new Probe();
 * publisher.subscribe(probe);
 * probe.subscription().request(2);
 * }</pre>
 */
final class Probe implements Subscriber<Integer> {

    private final AtomicBoolean inOnNext = new AtomicBoolean();
    private @Nullable Subscription subscription;
    /** Items received; the next one expected is this number. */
    final AtomicInteger items = new AtomicInteger();
    /** onComplete and onError calls (atomic: two terminal signals may overlap, a rule it counts broken). */
    final AtomicInteger terminals = new AtomicInteger();
    /** Overlapping or out-of-order onNext calls, or signals after a terminal one. */
    final AtomicInteger violations = new AtomicInteger();

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(Integer item) {
        if (!inOnNext.compareAndSet(false, true)) {
            violations.incrementAndGet();
            return;
        }
        if (item != items.get() || terminals.get() != 0) {
            violations.incrementAndGet();
        }
        items.incrementAndGet();
        inOnNext.set(false);
    }

    @Override
    public void onError(Throwable t) {
        terminals.incrementAndGet();
    }

    @Override
    public void onComplete() {
        terminals.incrementAndGet();
    }

    /**
     * Waits, up to 10 s, until {@code settled} holds: a generator stream signals and closes its generator
     * on a thread of its own, so the actors' calls return before the stream has finished reacting.
     */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the stream's thread, that ends the wait, may need the core
    static void awaitSettled(java.util.function.BooleanSupplier settled) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!settled.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    Subscription subscription() {
        Subscription s = subscription;
        if (s == null) {
            throw new IllegalStateException("onSubscribe was not called during subscribe");
        }
        return s;
    }
}
