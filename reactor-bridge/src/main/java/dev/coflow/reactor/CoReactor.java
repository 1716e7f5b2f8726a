package dev.coflow.reactor;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncIterable;
import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import java.util.Objects;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Coflow in Reactor: Python-style generators as {@link Flux}es (backpressure and cancellation mapped to
 * Python's {@code next()} and {@code close()}), coroutines as {@link Mono}s (subscribe starts a task,
 * cancel cancels it), an event loop as a Reactor {@link Scheduler}, and an event loop driven by a Reactor
 * {@code Scheduler} ({@link #eventLoop(Scheduler)}). Awaiting Reactor types needs nothing
 * here: a coroutine awaits a {@code Mono} with {@code Aio.await(mono)} and iterates a {@code Flux} with
 * {@code Aio.iterate(flux)}.
 *
 * <p>Thread-safety: every method may be called from any thread; the Fluxes it returns are cold and
 * may be subscribed to many times, from any thread.
 *
 * <pre>{@code
 * Flux<String> lines = CoReactor.flux(() -> Generator.of(y -> {
 *     try (BufferedReader in = Files.newBufferedReader(path)) {
 *         for (String line; (line = in.readLine()) != null; ) y.yield(line);
 *     }                                  // closed on take(10)'s cancel too
 *     return null;
 * }));
 * lines.filter(l -> !l.isBlank()).take(10).subscribe(System.out::println);
 *
 * Mono<String> greeting = CoReactor.mono(loop, () -> Coroutine.of(() -> {
 *     await(sleep(Duration.ofMillis(10)));
 *     return "hello " + CoReactor.context().get("user");
 * }));
 * greeting.contextWrite(Context.of("user", "ann")).timeout(Duration.ofSeconds(1)).block();
 * }</pre>
 */
public final class CoReactor {

    private CoReactor() {}

    /**
     * A cold Flux that runs a fresh generator per subscriber, as far as the demand asks: the
     * Reactor face of {@link Publishers#from}. Each requested item is one more {@code yield} of the
     * body (the body never runs ahead of the demand); cancelling, as {@code take(n)} does, closes the
     * generator so its {@code finally} blocks run; the body's exception is {@code onError}.
     *
     * @param generators called once per subscriber; must return a new generator each time
     */
    public static <T> Flux<T> flux(Supplier<? extends Generator<? extends T, ?, ?>> generators) {
        // An error with no subscriber left (a finally failing after cancel) goes where Reactor's do.
        Publisher<T> publisher = Publishers.from(generators,
                dropped -> Operators.onErrorDropped(dropped, Context.empty()));
        // The subscription captures the thread-locals current when it is made: those of the context.
        return Flux.deferContextual(view -> Flux.from(subscriber ->
                ReactorThreadLocals.runWith(view, () -> publisher.subscribe(subscriber))));
    }

    /**
     * A Flux over an async generator (PEP 525) or any {@link AsyncIterable}, driven by {@code loop}: the
     * Reactor face of {@link Publishers#from(EventLoop, AsyncIterable)}. Each subscriber gets
     * {@code iterable.aiter()}: pass {@code () -> AsyncGenerator.of(y -> ...)} for a fresh generator per
     * subscriber. The body, which may await, runs only while there is demand; cancelling (as
     * {@code take(n)} does) raises {@link dev.coflow.aio.CancelledError} at its await or closes it at its
     * yield, so its {@code finally} blocks run; inside it, {@link #context()} is the subscriber's Reactor
     * context. Items are signalled on the loop's thread.
     */
    public static <T> Flux<T> flux(EventLoop loop, AsyncIterable<? extends T> iterable) {
        Publisher<T> publisher = Publishers.from(loop, iterable);
        return Flux.deferContextual(view -> Flux.from(subscriber -> {
            // Subscribing inside a context that holds the Reactor context: the driving task copies it.
            dev.coflow.aio.Context context = dev.coflow.aio.Context.copyCurrent();
            context.run(() -> {
                CoroutineMono.REACTOR_CONTEXT.set(view);
                ReactorThreadLocals.runWith(view, () -> publisher.subscribe(subscriber));
                return null;
            });
        }));
    }

    /**
     * As {@link #flux(EventLoop, AsyncIterable)} for one async generator object (single use: a second
     * subscriber finds it where the first left it), on the event loop of the subscribing thread if it
     * runs one, else on the shared loop {@link #mono(Supplier)} uses.
     */
    public static <T> Flux<T> flux(AsyncGenerator<? extends T> generator) {
        Objects.requireNonNull(generator, "flux(generator): generator must not be null");
        return Flux.defer(() -> flux(BackgroundLoop.runningOrShared(), generator));
    }

    /**
     * A cold Mono that runs a fresh coroutine per subscriber as a {@link Task} on {@code loop}, as
     * {@code asyncio.create_task} would: subscribing starts it, its result is the Mono's value (a
     * {@code null} result completes empty, a {@code Mono<Void>}), its exception is {@code onError}.
     * Cancelling the subscription, as {@code timeout} or {@code take} do, cancels the task:
     * {@link dev.coflow.aio.CancelledError} is raised at the coroutine's current {@code await} and its
     * {@code finally} blocks run. Inside the coroutine, {@link #context()} is the subscriber's Reactor
     * context, through every await, as a Python task sees its contextvars.
     *
     * <p>Testing: a {@linkplain EventLoop#createVirtualTime virtual-time loop} runs only inside its
     * {@code runUntilComplete}/{@code runForever}, so subscribing to the Mono while such a loop is not
     * running signals {@code onError(IllegalStateException)} at once instead of waiting for ever; await the
     * Mono inside a coroutine that the loop runs. For {@code StepVerifier.create} and
     * {@code StepVerifier.withVirtualTime}, pass {@code CoReactor.eventLoop(Schedulers.single())}: its
     * clock is the scheduler's, so {@code thenAwait} advances the coroutine's sleeps.
     *
     * @param loop the event loop that runs the task; it must be running (or, a real-time loop, run later)
     *     for the Mono to complete
     * @param coroutines called once per subscriber, on the loop's thread; must return a new coroutine
     */
    public static <T> Mono<T> mono(EventLoop loop, Supplier<? extends Coroutine<T>> coroutines) {
        Objects.requireNonNull(loop, "mono(loop, coroutines): loop must not be null");
        Objects.requireNonNull(coroutines, "mono(loop, coroutines): pass a supplier of new coroutines");
        return Mono.create(sink -> CoroutineMono.subscribe(loop, coroutines, sink));
    }

    /**
     * As {@link #mono(EventLoop, Supplier)}, on the event loop of the subscribing thread if it runs one
     * (a subscription made inside a coroutine), else on a shared loop that Coflow runs on a daemon
     * thread of its own.
     *
     * <p>The shared loop runs on real time: {@code StepVerifier.withVirtualTime} does not reach it, and a
     * coroutine sleeping an hour there takes an hour whatever {@code thenAwait} says. Under virtual time,
     * use {@code CoReactor.mono(CoReactor.eventLoop(Schedulers.single()), ...)} (see
     * {@link #mono(EventLoop, Supplier)}).
     */
    public static <T> Mono<T> mono(Supplier<? extends Coroutine<T>> coroutines) {
        Objects.requireNonNull(coroutines, "mono(coroutines): pass a supplier of new coroutines");
        return Mono.create(sink -> CoroutineMono.subscribe(null, coroutines, sink));
    }

    /**
     * The Reactor context of the subscriber whose subscription started the running coroutine (through
     * {@link #mono}), readable after every await as a Python task reads its contextvars; tasks that
     * coroutine creates inherit it. Empty elsewhere.
     */
    public static ContextView context() {
        return CoroutineMono.REACTOR_CONTEXT.get();
    }

    /**
     * The event loop as a Reactor {@link Scheduler}: {@code publishOn(CoReactor.scheduler(loop))} runs
     * the downstream on the loop's thread, interleaved in order with its callbacks and coroutine steps.
     * Supports immediate, delayed and periodic tasks (on the loop's clock, so a virtual-time loop runs
     * them in virtual time), workers and their disposal; disposing the scheduler cancels what is pending
     * and rejects new tasks ({@code RejectedExecutionException}), as does a closed loop. The loop itself
     * is neither started nor closed by the scheduler.
     *
     * <p>Thread-safety: the scheduler, its workers and the returned {@code Disposable}s may be used from
     * any thread.
     */
    public static Scheduler scheduler(EventLoop loop) {
        Objects.requireNonNull(loop, "scheduler(loop): loop must not be null");
        return new LoopScheduler(loop);
    }

    /**
     * The reverse of {@link #scheduler(EventLoop)}: a new event loop whose turns run on a worker of
     * {@code scheduler} (see {@link EventLoop#createDriven}), so coroutines started on it, say by
     * {@link #mono(EventLoop, Supplier)} in a WebFlux handler served by a Netty event loop, run their steps
     * on that scheduler's thread without a thread hop. The loop owns no thread: each turn is one worker
     * task running a bounded number of iterations, and with only timers pending it schedules a delayed
     * worker task. Its clock is {@code scheduler.now(NANOSECONDS)}, so under
     * {@code StepVerifier.withVirtualTime} a one-hour {@code sleep} ends at {@code thenAwait(1h)}.
     * Closing the loop disposes the worker; the scheduler itself is neither started nor disposed.
     *
     * <p>Python counterpart: none built in; the closest is running the loop's {@code _run_once} from a
     * host framework, as trio-asyncio and uvloop's guest modes do.
     *
     * <p>Thread-safety: as for any {@linkplain EventLoop#createDriven driven loop}: from outside its turns
     * use {@code callSoonThreadsafe}, {@code submit}, {@link #mono(EventLoop, Supplier)} or {@code close};
     * its loop-thread methods belong to the coroutines and callbacks it runs.
     *
     * <pre>{@code
     * EventLoop loop = CoReactor.eventLoop(Schedulers.single());
     * Mono<String> greeting = CoReactor.mono(loop, () -> Coroutine.of(() -> {
     *     String name = await(userService.name(id));  // a Mono: resumed on the scheduler's thread
     *     return "hello " + name;
     * }));
     * }</pre>
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public static EventLoop eventLoop(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "eventLoop(scheduler): scheduler must not be null");
        return EventLoop.createDriven(new WorkerDriver(scheduler));
    }
}
