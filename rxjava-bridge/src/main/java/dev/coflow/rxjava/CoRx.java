package dev.coflow.rxjava;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncIterable;
import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.PublisherIterator;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Coflow in RxJava 3: Python-style generators as {@link Flowable}s, coroutines and tasks as
 * {@link Single}, {@link Maybe} and {@link Completable}, the event loop as an RxJava {@link Scheduler},
 * and, the other way round, Rx sources awaited and iterated inside coroutines.
 *
 * <p>Python counterparts: a generator driven by a {@code for} loop, or an async generator by
 * {@code async for} ({@code flowable}); a coroutine wrapped in {@code asyncio.create_task}
 * ({@code single}/{@code maybe}/{@code completable}); the event loop's {@code call_soon}/{@code call_later}
 * ({@code scheduler}); {@code await} ({@code await}) and {@code async for} ({@code iterate} for an
 * Observable; {@code Aio.iterate(flowable)} for a Flowable).
 *
 * <p>Choosing the event loop of a coroutine-backed source: pass it ({@code single(loop, ...)}), or
 * leave it out ({@code single(...)}) to use the loop running the subscriber when it subscribes (inside
 * a coroutine or a loop callback, or behind {@code subscribeOn(CoRx.scheduler(loop))}), as
 * {@code asyncio.create_task} uses the running loop; a subscription made where no loop runs uses a
 * shared loop that Coflow runs on a daemon thread ({@code coflow-background-loop}), so that
 * {@code CoRx.single(...).blockingGet()} works anywhere. A source made from a {@link Task} uses the
 * task's loop. The same rules choose the loop that drives an async generator.
 *
 * <p>Thread-safety: every method may be called from any thread, and the Rx sources it returns may be
 * subscribed to and disposed from any thread; coroutine code still runs only on its loop's thread.
 * Errors that cannot be delivered (a failure after disposal) go to {@code RxJavaPlugins.onError}, as
 * RxJava's own sources do.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.create();
 * Single<String> page = CoRx.single(loop, () -> Coroutine.of(() -> {
 *     await(sleep(Duration.ofMillis(10)));         // runs on the loop's thread
 *     return "hello";
 * }));
 * Flowable<Integer> squares = CoRx.flowable(() -> Generator.of(y -> {
 *     for (int i = 1; ; i++) y.yield(i * i);       // runs only as far as requested
 * }));
 * squares.take(3).observeOn(CoRx.scheduler(loop)).subscribe(System.out::println);  // 1 4 9, on the loop
 * }</pre>
 */
public final class CoRx {

    private CoRx() {}

    // ---------------------------------------------------------------- generators

    /**
     * A cold {@link Flowable} that runs a fresh generator per subscriber, as far as the demand asks:
     * RxJava's face of {@link Publishers#from}, which does the work (the Flowable only wraps it). Each
     * requested item is one more {@code yield} of the body (after {@code request(3)} the body has
     * yielded exactly 3 items); cancelling, as {@code take(n)} or {@code dispose()} does, closes the
     * generator so that its {@code finally} blocks run; an exception of the body is {@code onError},
     * with the same instance. Python counterpart: {@code for item in gen(): ...} with {@code break}
     * calling {@code gen.close()}.
     *
     * <p>Thread-safety: subscribe and request from any thread; the body and the signals run on a
     * virtual thread of the stream's own, one at a time (as if {@code subscribeOn} a Coflow scheduler).
     *
     * <pre>{@code
     * Flowable<String> lines = CoRx.flowable(() -> Generator.of(y -> {
     *     try (BufferedReader in = Files.newBufferedReader(path)) {
     *         for (String line; (line = in.readLine()) != null; ) y.yield(line);
     *     }                                       // closed on take(10)'s cancel too
     *     return null;
     * }));
     * }</pre>
     *
     * @param generators called once per subscriber; must return a new generator each time
     * @throws NullPointerException if {@code generators} is null
     */
    public static <T> Flowable<T> flowable(Supplier<? extends Generator<? extends T, ?, ?>> generators) {
        // An error with no subscriber left (a finally failing after cancel) goes where RxJava's do.
        return Flowable.fromPublisher(Publishers.from(generators, RxJavaPlugins::onError));
    }

    /**
     * A {@link Flowable} over an async generator (PEP 525), or any {@link AsyncIterable}, driven by
     * {@code loop}: RxJava's face of {@link Publishers#from(EventLoop, AsyncIterable)}, which does the
     * work. Each subscriber gets {@code iterable.aiter()}: pass {@code () -> AsyncGenerator.of(y -> ...)}
     * for a fresh generator per subscriber. The body, which may {@code await}, runs only while there is
     * demand (after {@code request(3)} it has yielded exactly 3 items); cancelling, as {@code take(n)} or
     * {@code dispose()} does, raises {@link dev.coflow.aio.CancelledError} at its await or closes it at
     * its yield, so its {@code finally} blocks run; its exception is {@code onError}. Items are signalled
     * on the loop's thread. Python counterpart: {@code async for item in agen(): ...}.
     *
     * <p>Thread-safety: subscribe, request and dispose from any thread; the body runs on the loop.
     *
     * <pre>{@code
     * Flowable<Integer> ticks = CoRx.flowable(loop, () -> AsyncGenerator.of(y -> {
     *     for (int i = 0; ; i++) {
     *         await(sleep(Duration.ofSeconds(1)));
     *         y.yield(i);
     *     }
     * }));
     * }</pre>
     *
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flowable<T> flowable(EventLoop loop, AsyncIterable<? extends T> iterable) {
        return Flowable.fromPublisher(Publishers.from(loop, iterable));
    }

    /**
     * As {@link #flowable(EventLoop, AsyncIterable)} for one async generator object, which is single use
     * (a second subscriber finds it where the first left it), on the loop running the subscriber when it
     * subscribes, or on Coflow's shared daemon loop where none runs (see the class comment). Python
     * counterpart: {@code async for item in agen} over one async generator object. Thread-safety: as
     * {@link #flowable(EventLoop, AsyncIterable)}.
     *
     * <pre>{@code
     * AsyncGenerator<String> lines = readLines(socket);     // an async generator object
     * CoRx.flowable(lines).take(10).subscribe(System.out::println);
     * }</pre>
     *
     * @throws NullPointerException if {@code generator} is null
     */
    public static <T> Flowable<T> flowable(AsyncGenerator<? extends T> generator) {
        Objects.requireNonNull(generator, "CoRx.flowable(generator): generator must not be null");
        return Flowable.defer(() -> flowable(BackgroundLoop.runningOrShared(), generator));
    }

    // ---------------------------------------------------------------- coroutines and tasks

    /**
     * A {@link Single} that, on each subscription, runs a fresh coroutine as a task on {@code loop}
     * (created on the loop's next iteration, as {@code loop.create_task}) and succeeds with its result.
     * Disposing cancels the task: {@link dev.coflow.aio.CancelledError} is raised at the coroutine's
     * current {@code await} and its {@code finally} blocks run. The coroutine's exception is
     * {@code onError}, with the same instance; a {@code null} result is an
     * {@code onError(NullPointerException)} (use {@link #maybe(EventLoop, Supplier)} when there may be
     * no value). Python counterpart: {@code loop.create_task(coro())} awaited once.
     *
     * <p>Thread-safety: subscribe and dispose from any thread; the coroutine runs on the loop's thread.
     *
     * <pre>{@code
     * Single<Integer> answer = CoRx.single(loop, () -> Coroutine.of(() -> {
     *     await(sleep(Duration.ofMillis(5)));
     *     return 42;
     * }));
     * }</pre>
     *
     * @param coroutines called once per subscription, on the loop's thread; must return a new coroutine
     * @throws NullPointerException if an argument is null
     */
    public static <T> Single<T> single(EventLoop loop, Supplier<? extends Coroutine<? extends @Nullable T>> coroutines) {
        return TaskSource.<T>ofCoroutines(requireLoop(loop, "single"), coroutines,
                "CoRx.single(loop, coroutines)").single();
    }

    /**
     * As {@link #single(EventLoop, Supplier)}, on the loop running the subscriber when it subscribes, or
     * on Coflow's shared daemon loop where none runs (see the class comment).
     *
     * <pre>{@code
     * Coroutine.of(() -> await(CoRx.single(() -> fetch(url)).timeout(1, SECONDS)))
     * }</pre>
     */
    public static <T> Single<T> single(Supplier<? extends Coroutine<? extends @Nullable T>> coroutines) {
        return TaskSource.<T>ofCoroutines(null, coroutines, "CoRx.single(coroutines)").single();
    }

    /**
     * A {@link Single} of a task that already runs (tasks are hot, as in asyncio): each subscriber gets
     * the task's result; disposing <em>cancels the task</em>, for every subscriber (as
     * {@code Mono.fromFuture} does; {@code Single.fromPublisher(task)} would only detach the subscriber).
     * A {@code null} result is an {@code onError(NullPointerException)}. Python counterpart:
     * {@code await task}.
     *
     * <pre>{@code
     * Task<String> task = loop.createTask(download(url));
     * CoRx.single(task).subscribe(System.out::println);
     * }</pre>
     */
    public static <T> Single<T> single(Task<? extends @Nullable T> task) {
        return TaskSource.<T>ofTask(task, "CoRx.single(task)").single();
    }

    /**
     * A {@link Maybe} that, on each subscription, runs a fresh coroutine as a task on {@code loop}:
     * succeeds with its result, or completes empty if it returns {@code null}. Disposing cancels the
     * task ({@link dev.coflow.aio.CancelledError} at its {@code await}, {@code finally} blocks run); its
     * exception is {@code onError}. Python counterpart: a coroutine that may return {@code None}.
     *
     * <p>Thread-safety: subscribe and dispose from any thread; the coroutine runs on the loop's thread.
     *
     * <pre>{@code
     * Maybe<User> user = CoRx.maybe(loop, () -> Coroutine.of(() -> await(repository.find(id))));
     * }</pre>
     */
    public static <T> Maybe<T> maybe(EventLoop loop, Supplier<? extends Coroutine<? extends @Nullable T>> coroutines) {
        return TaskSource.<T>ofCoroutines(requireLoop(loop, "maybe"), coroutines,
                "CoRx.maybe(loop, coroutines)").maybe();
    }

    /**
     * As {@link #maybe(EventLoop, Supplier)}, on the loop running the subscriber when it subscribes, or
     * on Coflow's shared daemon loop where none runs (see the class comment). Python counterpart:
     * {@code asyncio.create_task(coro())} on the running loop.
     *
     * <pre>{@code
     * User user = CoRx.await(CoRx.maybe(() -> lookup(id)).defaultIfEmpty(User.GUEST));
     * }</pre>
     */
    public static <T> Maybe<T> maybe(Supplier<? extends Coroutine<? extends @Nullable T>> coroutines) {
        return TaskSource.<T>ofCoroutines(null, coroutines, "CoRx.maybe(coroutines)").maybe();
    }

    /**
     * A {@link Maybe} of a task that already runs: its result, or empty for {@code null}; disposing
     * cancels the task, for every subscriber. Python counterpart: {@code await task}, where
     * {@code None} means "nothing".
     *
     * <pre>{@code
     * CoRx.maybe(loop.createTask(lookup(id))).subscribe(System.out::println, Throwable::printStackTrace);
     * }</pre>
     */
    public static <T> Maybe<T> maybe(Task<? extends @Nullable T> task) {
        return TaskSource.<T>ofTask(task, "CoRx.maybe(task)").maybe();
    }

    /**
     * A {@link Completable} that, on each subscription, runs a fresh coroutine as a task on {@code loop}
     * and completes when it returns (the result is ignored). Disposing cancels the task; its exception
     * is {@code onError}. Python counterpart: {@code await coro()} for its effect only.
     *
     * <p>Thread-safety: subscribe and dispose from any thread; the coroutine runs on the loop's thread.
     *
     * <pre>{@code
     * Completable flush = CoRx.completable(loop, () -> Coroutine.of(() -> {
     *     await(writer.drain());
     *     return null;
     * }));
     * }</pre>
     */
    public static Completable completable(EventLoop loop, Supplier<? extends Coroutine<?>> coroutines) {
        return TaskSource.<Object>ofCoroutines(requireLoop(loop, "completable"), coroutines,
                "CoRx.completable(loop, coroutines)").completable();
    }

    /**
     * As {@link #completable(EventLoop, Supplier)}, on the loop running the subscriber when it
     * subscribes, or on Coflow's shared daemon loop where none runs (see the class comment). Python
     * counterpart: {@code asyncio.create_task(coro())} on the running loop, awaited for its effect.
     *
     * <pre>{@code
     * CoRx.completable(() -> flush(buffer)).andThen(CoRx.completable(() -> close(file))).blockingAwait();
     * }</pre>
     */
    public static Completable completable(Supplier<? extends Coroutine<?>> coroutines) {
        return TaskSource.<Object>ofCoroutines(null, coroutines, "CoRx.completable(coroutines)")
                .completable();
    }

    /**
     * A {@link Completable} of a task that already runs: completes when it returns; disposing cancels the
     * task, for every subscriber. Python counterpart: {@code await task} for its effect only.
     *
     * <pre>{@code
     * CoRx.completable(loop.createTask(flush(buffer))).subscribe(() -> System.out.println("flushed"));
     * }</pre>
     */
    public static Completable completable(Task<?> task) {
        return TaskSource.<Object>ofTask(task, "CoRx.completable(task)").completable();
    }

    // ---------------------------------------------------------------- the event loop as a Scheduler

    /**
     * The event loop as an RxJava {@link Scheduler}: {@code observeOn(CoRx.scheduler(loop))} and
     * {@code subscribeOn(...)} run on the loop's thread, interleaved with its coroutines, and timed
     * operators use the loop's clock ({@link EventLoop#time()}; on a virtual-time loop, the virtual
     * clock). Python counterpart: {@code loop.call_soon_threadsafe} and {@code loop.call_later}.
     *
     * <p>Each {@link Scheduler.Worker} runs its tasks one at a time, immediate ones in the order they
     * were scheduled; delayed and periodic ones are timers of the loop; disposing a worker (or a task)
     * stops every task not yet started. A task that throws is reported to {@code RxJavaPlugins.onError}.
     * The scheduler does not own the loop: {@code shutdown()} leaves the loop alone, and scheduling on a
     * closed loop is rejected (the error goes to {@code RxJavaPlugins.onError}).
     *
     * <p>Thread-safety: use it from any thread.
     *
     * <pre>{@code
     * Flowable.interval(1, SECONDS, CoRx.scheduler(loop))
     *         .subscribe(tick -> queue.putNowait(tick));   // on the loop's thread: no locks needed
     * }</pre>
     *
     * @throws NullPointerException if {@code loop} is null
     */
    public static Scheduler scheduler(EventLoop loop) {
        return new EventLoopScheduler(requireLoop(loop, "scheduler"));
    }

    // ---------------------------------------------------------------- awaiting Rx sources

    /**
     * Python's {@code await} of a {@link Single}, inside a coroutine: subscribes, suspends the coroutine
     * until the Single signals, and returns its value or throws its error (the same instance).
     * Cancelling the awaiting task disposes the subscription.
     *
     * <p>Thread-safety: call it from a coroutine body; the Single may signal on any thread, the
     * coroutine resumes on its loop's thread.
     *
     * <pre>{@code
     * String body = CoRx.await(httpClient.get(url));    // a Single<String>
     * }</pre>
     *
     * @throws IllegalStateException outside a coroutine
     */
    public static <T> T await(Single<T> single) {
        Objects.requireNonNull(single, "CoRx.await(single): single must not be null");
        return Aio.await(single.toFlowable());
    }

    /**
     * Python's {@code await} of a {@link Maybe}, inside a coroutine: its value, or {@code null} if it
     * completes empty; throws its error. Cancelling the awaiting task disposes the subscription.
     * Thread-safety: as {@link #await(Single)}.
     *
     * <pre>{@code
     * User user = CoRx.await(cache.get(id));            // a Maybe<User>; null on a miss
     * }</pre>
     *
     * @throws IllegalStateException outside a coroutine
     */
    public static <T> @Nullable T await(Maybe<T> maybe) {
        Objects.requireNonNull(maybe, "CoRx.await(maybe): maybe must not be null");
        return Aio.await(maybe.toFlowable());
    }

    /**
     * Python's {@code await} of a {@link Completable}, inside a coroutine: returns when it completes,
     * throws its error. Cancelling the awaiting task disposes the subscription. Thread-safety: as
     * {@link #await(Single)}.
     *
     * <pre>{@code
     * CoRx.await(repository.save(order));               // a Completable
     * }</pre>
     *
     * @throws IllegalStateException outside a coroutine
     */
    public static void await(Completable completable) {
        Objects.requireNonNull(completable, "CoRx.await(completable): completable must not be null");
        Aio.await(completable.<Object>toFlowable());
    }

    // ---------------------------------------------------------------- iterating Rx streams

    /**
     * Python's {@code async for} over an {@link Observable}, inside a coroutine, with at most
     * {@link Flowable#bufferSize()} items buffered: see {@link #iterate(Observable, int)}. (A
     * {@link Flowable} needs no adapter: it is a Publisher, so {@code Aio.iterate(flowable)} iterates it
     * with backpressure.) Thread-safety: use the iterator from the coroutine that made it.
     *
     * <pre>{@code
     * for (String event : CoRx.iterate(events)) {      // async for event in events
     *     await(handle(event));
     * }
     * }</pre>
     *
     * @throws IllegalStateException outside a coroutine
     */
    public static <T> PublisherIterator<T> iterate(Observable<T> observable) {
        return iterate(observable, Flowable.bufferSize());
    }

    /**
     * Python's {@code async for} over an {@link Observable}, inside a coroutine: an async iterator whose
     * {@code hasNext()} suspends the coroutine until the next item arrives (from any thread).
     *
     * <p>An Observable has no backpressure: it emits as fast as it likes, whatever the coroutine
     * consumes. The items the coroutine has not taken yet are buffered, but not without bound: besides
     * the iterator's own prefetch ({@value PublisherIterator#DEFAULT_PREFETCH} items), at most
     * {@code maxBuffered} items wait in a buffer; one more fails the stream with RxJava's
     * {@link io.reactivex.rxjava3.exceptions.MissingBackpressureException} (and disposes the
     * Observable), which {@code hasNext()} throws once the coroutine has consumed the items buffered
     * before it. (This is {@code toFlowable(BackpressureStrategy.MISSING).onBackpressureBuffer(maxBuffered,
     * true)} iterated with {@code Aio.iterate}.) Closing the iterator, as leaving a try-with-resources
     * block early does, or cancelling the coroutine's task disposes the Observable.
     *
     * <p>Thread-safety: use the iterator from the coroutine that made it.
     *
     * <pre>{@code
     * try (PublisherIterator<String> clicks = CoRx.iterate(clickStream, 1_000)) {
     *     for (String click : clicks) {            // async for click in clicks
     *         await(handle(click));
     *     }
     * }
     * }</pre>
     *
     * @param maxBuffered how many unconsumed items to hold before failing, at least 1
     * @throws IllegalArgumentException if {@code maxBuffered} is less than 1
     * @throws IllegalStateException outside a coroutine
     */
    public static <T> PublisherIterator<T> iterate(Observable<T> observable, int maxBuffered) {
        Objects.requireNonNull(observable, "CoRx.iterate(observable, maxBuffered): observable must not be null");
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("CoRx.iterate(observable, maxBuffered): maxBuffered must be at"
                    + " least 1, was " + maxBuffered);
        }
        return Aio.iterate(observable.toFlowable(BackpressureStrategy.MISSING).onBackpressureBuffer(maxBuffered, true));
    }

    private static EventLoop requireLoop(EventLoop loop, String method) {
        return Objects.requireNonNull(loop, () -> "CoRx." + method + "(loop, ...): loop must not be null");
    }
}
