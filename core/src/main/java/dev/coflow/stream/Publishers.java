package dev.coflow.stream;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncIterable;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.gen.Generator;
import dev.coflow.internal.aio.FuturePublisher;
import dev.coflow.internal.stream.AsyncIterablePublisher;
import dev.coflow.internal.stream.GeneratorPublisher;
import dev.coflow.internal.stream.Undeliverable;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * Reactive Streams Publishers made from Python-style generators, and their
 * {@link java.util.concurrent.Flow} views.
 *
 * <p>A generator is pull-based, as a Publisher with backpressure is: each {@code request(n)} is n
 * Python {@code next()} calls, {@code cancel()} is {@code close()}. Every Publisher here is cold (a
 * fresh generator per subscriber), passes the Reactive Streams TCK, and may be subscribed to and
 * requested from any thread; its signals are serial (§1.3).
 *
 * <pre>{@code
 * Publisher<Integer> squares = Publishers.from(() -> Generator.of(y -> {
 *     try {
 *         for (int i = 1; ; i++) y.yield(i * i);      // runs only as far as requested
 *     } finally {
 *         System.out.println("closed");               // runs on cancel, as close() does in Python
 *     }
 * }));
 * Flux.from(squares).take(3).subscribe(System.out::println);   // 1, 4, 9, closed
 * }</pre>
 */
public final class Publishers {

    private Publishers() {}

    /**
     * A cold Publisher that streams a fresh generator per subscriber, as a Python {@code for} loop
     * drives a generator, with backpressure:
     * <ul>
     *   <li>{@code request(n)} returns at once; a virtual thread of the stream's own then runs the body
     *       until it has yielded n more items (items go to {@code onNext} straight from the body's
     *       {@code yield}, without a switch per item, so side effects interleave as in a Python
     *       {@code for} loop) or ends; it never runs ahead of the demand: after {@code request(3)} the
     *       body yields exactly 3 items and is suspended at the third {@code yield};</li>
     *   <li>the body's return is {@code onComplete}; an exception it throws is {@code onError}, with
     *       the same instance; a yielded {@code null} is {@code onError(NullPointerException)} saying
     *       where (Reactive Streams forbids null items);</li>
     *   <li>{@code cancel()} closes the generator, so its {@code finally} blocks run, on the stream's
     *       thread, after the current item;</li>
     *   <li>{@code request(n <= 0)} is {@code onError(IllegalArgumentException)} (§3.9); demand adds up
     *       to {@link Long#MAX_VALUE}, which means unbounded.</li>
     * </ul>
     *
     * <p>Thread-safety: the Publisher and its subscriptions may be used from any thread; the body and the
     * signals run on one Coflow virtual thread at a time, never on the requesting thread, which
     * therefore never waits for the body nor holds its locks over it.
     *
     * @param generators called once per subscriber; must return a new generator each time (a shared
     *     one would be advanced by several subscribers). What it throws goes to that subscriber's
     *     {@code onError}.
     * @throws NullPointerException if {@code generators} is null
     */
    public static <T> Publisher<T> from(Supplier<? extends Generator<? extends T, ?, ?>> generators) {
        Objects.requireNonNull(generators,
                "Publishers.from(generators): pass a supplier of new generators, e.g. () -> Generator.of(y -> ...)");
        return new GeneratorPublisher<>(generators, Undeliverable::report);
    }

    /**
     * As {@link #from(Supplier)}, with the place errors go that no subscriber can receive any more: a
     * generator whose {@code finally} fails while it is closed after {@code cancel()}. The reactive
     * bridges pass their library's hook ({@code RxJavaPlugins.onError}, Reactor's
     * {@code Operators.onErrorDropped}); {@link #from(Supplier)} hands such errors to the current thread's
     * uncaught-exception handler. Fatal errors ({@code VirtualMachineError}, {@code LinkageError}) are
     * rethrown instead.
     *
     * <pre>{@code
     * Publisher<Integer> p = Publishers.from(() -> numbers(), dropped -> log.warn("dropped", dropped));
     * }</pre>
     *
     * @param generators called once per subscriber; must return a new generator each time
     * @param onUndeliverable receives each error that has no subscriber left
     * @throws NullPointerException if an argument is null
     */
    public static <T> Publisher<T> from(Supplier<? extends Generator<? extends T, ?, ?>> generators,
            Consumer<? super Throwable> onUndeliverable) {
        Objects.requireNonNull(generators,
                "Publishers.from(generators, onUndeliverable): pass a supplier of new generators, e.g. () -> Generator.of(y -> ...)");
        Objects.requireNonNull(onUndeliverable,
                "Publishers.from(generators, onUndeliverable): onUndeliverable must not be null");
        return new GeneratorPublisher<>(generators, onUndeliverable);
    }

    /**
     * An async generator (PEP 525), or any {@link AsyncIterable}, as a Publisher driven by {@code loop}:
     * each subscriber gets {@code iterable.aiter()} (pass {@code () -> AsyncGenerator.of(...)} for a
     * fresh, cold generator per subscriber; an {@link AsyncGenerator} object is its own, single-use
     * iterable) and a task on the loop that awaits {@code anext()} only while there is demand, so the body
     * never runs ahead of it: after {@code request(3)} it has yielded exactly 3 items. Items are signalled
     * from the loop's thread. The end is {@code onComplete}, an exception of the body {@code onError};
     * {@code cancel()} cancels that task, raising {@link dev.coflow.aio.CancelledError} at the body's
     * await, or closing it with {@code aclose()} at its pending yield, so its {@code finally} blocks run
     * (and may await). Requests of {@code n <= 0} are {@code onError(IllegalArgumentException)} (§3.9).
     *
     * <p>Thread-safety: subscribe, request and cancel from any thread; the loop must be running (or run
     * later) for items to flow.
     *
     * @throws NullPointerException if an argument is null
     */
    public static <T> Publisher<T> from(EventLoop loop, AsyncIterable<? extends T> iterable) {
        Objects.requireNonNull(loop, "Publishers.from(loop, iterable): loop must not be null");
        Objects.requireNonNull(iterable, "Publishers.from(loop, iterable): pass an async generator, or"
                + " () -> AsyncGenerator.of(y -> ...) for one per subscriber");
        return new AsyncIterablePublisher<>(loop, iterable);
    }

    /**
     * A {@link Future} or {@link dev.coflow.aio.Task} as a Publisher of at most one item, Mono-like: its
     * result is {@code onNext} then {@code onComplete} once requested; a {@code null} result (a
     * {@code Task<Void>}) is a bare {@code onComplete}; its exception, or {@link dev.coflow.aio.CancelledError}
     * if it was cancelled, is {@code onError}. The Publisher is hot: the future runs whether or not anyone
     * subscribes, every subscriber gets the same outcome, and cancelling a subscription only detaches that
     * subscriber (cancel the task itself to stop it).
     *
     * <p>Thread-safety: subscribe and request from any thread; the outcome is read on the future's event
     * loop, so that loop must be running (or closed, once the future is done) for it to arrive.
     *
     * @throws NullPointerException if {@code future} is null
     */
    public static <T extends @Nullable Object> Publisher<T> from(Future<T> future) {
        Objects.requireNonNull(future, "Publishers.from(future): future must not be null");
        return new FuturePublisher<>(future);
    }

    /**
     * The same Publisher as a {@link Flow.Publisher} (the JDK's copy of the Reactive Streams
     * interfaces), for code such as {@code HttpClient} body handlers. Converting back with
     * {@link #fromFlow} unwraps instead of stacking adapters.
     *
     * @throws NullPointerException if {@code publisher} is null
     */
    public static <T> Flow.Publisher<T> toFlow(Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "toFlow(publisher): publisher must not be null");
        return FlowAdapters.toFlowPublisher(publisher);
    }

    /**
     * A {@link Flow.Publisher} as an {@code org.reactivestreams} {@link Publisher}; unwraps a view made
     * by {@link #toFlow}.
     *
     * @throws NullPointerException if {@code publisher} is null
     */
    public static <T> Publisher<T> fromFlow(Flow.Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "fromFlow(publisher): publisher must not be null");
        return FlowAdapters.toPublisher(publisher);
    }
}
