package dev.coflow.aio;

import dev.coflow.gen.GeneratorState;
import dev.coflow.internal.engine.Engines;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Sneaky;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * Python's {@code asyncio} functions, for {@code import static dev.coflow.aio.Aio.*}: {@code await},
 * {@code sleep}, {@code run}, {@code createTask}, {@code gather}, {@code wait}, ... What is a coroutine
 * function in asyncio returns a lazy {@link Coroutine} here and is awaited ({@code await(sleep(d))});
 * what returns a Future there returns a {@link Future} here.
 *
 * <p>Thread-safety: the functions act on the event loop running the calling coroutine; call them from
 * coroutine bodies or loop callbacks, except {@link #run}, which starts a loop on the calling thread.
 *
 * <pre>{@code
 * import static dev.coflow.aio.Aio.*;
 *
 * String greeting = run(Coroutine.of(() -> {
 *     await(sleep(Duration.ofMillis(10)));
 *     return "hello";
 * }));
 * }</pre>
 */
public final class Aio {

    private Aio() {}

    // ---------------------------------------------------------------- await

    /**
     * Python's {@code await coro}: runs the coroutine inline in the calling coroutine's task (no new
     * task, no loop iteration unless it suspends) and returns its result.
     *
     * <p>Each coroutine awaiting another one nests on the stack of the thread running the task, so a
     * task allows at most 1,000 of them at once, as Python's default recursion limit: the next
     * {@code await} raises a {@link RuntimeException} "maximum recursion depth exceeded" in the awaiting
     * body (the awaited coroutine is closed unstarted), which the task ends with unless a body catches
     * it. Python raises {@code RecursionError} there. Awaiting a task or a future does not nest.
     *
     * @throws IllegalStateException outside a coroutine body, "cannot reuse already awaited coroutine"
     *     once it has ended, "coroutine is being awaited already" while it is suspended elsewhere
     * @throws RuntimeException "maximum recursion depth exceeded" at 1,000 nested awaits in one task
     */
    public static <T extends @Nullable Object> T await(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "await(coro): coro must not be null");
        GeneratorCore<Object, Object, ?> self = body();
        if (coro.isInline()) {
            return coro.runInline();
        }
        Task<?> task = RunningCoroutine.taskOf(self);
        if (task == null) {
            return uncheckedResult(self.delegateTo(coro.start(null), coro));
        }
        try {
            task.enterAwait();
        } catch (RuntimeException tooDeep) {
            if (coro.state() == GeneratorState.CREATED) {
                coro.close(); // it never runs: not "never awaited"
            }
            throw tooDeep;
        }
        try {
            return uncheckedResult(self.delegateTo(coro.start(task), coro));
        } finally {
            task.leaveAwait();
        }
    }

    /**
     * Python's {@code await future}: returns the result at once if the future is done, else suspends the
     * calling coroutine until it is. Raises the future's exception, or {@link CancelledError}.
     *
     * @throws IllegalStateException outside a coroutine body
     */
    public static <T extends @Nullable Object> T await(Future<T> future) {
        Objects.requireNonNull(future, "await(future): future must not be null");
        GeneratorCore<Object, Object, ?> self = body();
        if (!future.done()) {
            self.yield(future);
            if (!future.done()) {
                throw new IllegalStateException("await wasn't used with future");
            }
        }
        return future.result();
    }

    /** Python's {@code await task}: see {@link #await(Future)}. */
    public static <T extends @Nullable Object> T await(Task<T> task) {
        Objects.requireNonNull(task, "await(task): task must not be null");
        return await((Future<T>) task);
    }

    /**
     * Awaits a Java {@link CompletionStage} (a {@code CompletableFuture}, ...): suspends until it
     * completes, on any thread, and returns its value or throws its exception (unwrapped from
     * {@link CompletionException}). Cancelling the awaiting task cancels a {@code CompletableFuture}.
     */
    public static <T extends @Nullable Object> T await(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "await(stage): stage must not be null");
        body();
        if (stage instanceof CompletableFuture<T> cf && cf.isDone()) {
            return joinDone(cf);
        }
        return await(wrap(getRunningLoop(), stage));
    }

    /**
     * Awaits a Reactive Streams {@link Publisher} of at most one item, such as a Reactor {@code Mono} or
     * {@code Single.toFlowable()}: returns the item, or {@code null} if it completes empty. Cancelling
     * the awaiting task cancels the subscription.
     *
     * @throws IllegalArgumentException if the publisher emits a second item
     */
    public static <T extends @Nullable Object> T await(Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "await(publisher): publisher must not be null");
        body();
        Future<T> f = getRunningLoop().createFuture();
        SingleItemSubscriber<T> s = new SingleItemSubscriber<>(f, publisher);
        f.addDoneCallback(done -> {
            if (done.cancelled()) {
                s.cancelUpstream();
            }
        });
        s.subscribeTo(publisher);
        return await(f);
    }

    /**
     * Python's {@code async for item in publisher}: an async iterator over any Reactive Streams
     * Publisher (a Flux, a generator Publisher, ...) for the calling coroutine, with bounded prefetch;
     * close it (try-with-resources) to cancel the upstream when leaving early. See
     * {@link PublisherIterator}.
     *
     * @throws IllegalStateException outside a coroutine
     */
    public static <T> PublisherIterator<T> iterate(Publisher<T> publisher) {
        return PublisherIterator.over(publisher, PublisherIterator.DEFAULT_PREFETCH);
    }

    /**
     * Awaits any awaitable: a {@link Coroutine}, {@link Future}/{@link Task}, {@link CompletionStage} or
     * {@link Publisher}.
     *
     * @throws IllegalArgumentException for anything else ("object Integer can't be used in 'await'
     *     expression")
     */
    // T is the untyped awaitable's result type, inferred at the call site as Python's await leaves it
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public static <T extends @Nullable Object> T await(Object awaitable) {
        Objects.requireNonNull(awaitable, "await(awaitable): awaitable must not be null"
                + " (Python: object NoneType can't be used in 'await' expression)");
        if (awaitable instanceof Coroutine<?> c) {
            return (T) await(c);
        }
        if (awaitable instanceof Future<?> f) {
            return (T) await(f);
        }
        if (awaitable instanceof CompletionStage<?> s) {
            return (T) await(s);
        }
        if (awaitable instanceof Publisher<?> p) {
            return (T) await(p);
        }
        throw notAwaitable(awaitable);
    }

    static IllegalArgumentException notAwaitable(@Nullable Object o) {
        return new IllegalArgumentException("object " + (o == null ? "null" : o.getClass().getSimpleName())
                + " can't be used in 'await' expression: await takes a Coroutine, Future, Task,"
                + " CompletionStage or a Publisher of at most one item");
    }

    /** The core of the coroutine body running on this thread, or a clear error. */
    static GeneratorCore<Object, Object, ?> body() {
        GeneratorCore<Object, Object, ?> c = RunningCoroutine.core();
        if (c != null) {
            return c;
        }
        if (Engines.currentFiber() != null) {
            throw new IllegalStateException("await used inside a generator body: only a coroutine body"
                    + " (Coroutine.of(() -> ...)) can await; make it a coroutine or an AsyncGenerator");
        }
        throw new IllegalStateException("await used outside a coroutine: call it inside a"
                + " Coroutine.of(() -> ...) body, or run the awaitable with Aio.run(...) or"
                + " loop.runUntilComplete(...)");
    }

    @SuppressWarnings("NullAway") // T itself may be a nullable type
    private static <T extends @Nullable Object> T uncheckedResult(@Nullable T value) {
        return value;
    }

    @SuppressWarnings("NullAway") // T itself may be a nullable type
    private static <T extends @Nullable Object> T joinDone(CompletableFuture<T> cf) {
        try {
            return cf.join();
        } catch (CompletionException e) {
            throw Sneaky.raise(e.getCause() != null ? e.getCause() : e);
        } catch (CancellationException e) {
            throw new CancelledError(e.getMessage());
        }
    }

    /** A future on {@code loop} completed (on the loop) when {@code stage} completes; cancellation flows back. */
    static <T extends @Nullable Object> Future<T> wrap(EventLoop loop, CompletionStage<T> stage) {
        Future<T> f = loop.createFuture();
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
            if (f.done()) {
                return;
            }
            if (error == null) {
                f.setResult(value);
            } else if (error instanceof CancellationException c) {
                f.cancel(c.getMessage());
            } else {
                f.setException(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        }));
        if (stage instanceof java.util.concurrent.Future<?> jf) {
            f.addDoneCallback(done -> {
                if (done.cancelled()) {
                    jf.cancel(false);
                }
            });
        }
        return f;
    }

    // ---------------------------------------------------------------- sleep

    /**
     * Python's {@code asyncio.sleep(delay)}: a coroutine that suspends for {@code delay} (on the loop's
     * clock) and returns null. {@code sleep(Duration.ZERO)} yields to the other tasks for exactly one loop
     * iteration.
     */
    public static Coroutine<@Nullable Void> sleep(Duration delay) {
        return sleep(delay, null);
    }

    /** Python's {@code asyncio.sleep(delay, result)}: as {@link #sleep(Duration)}, returning {@code result}. */
    public static <T extends @Nullable Object> Coroutine<T> sleep(Duration delay, T result) {
        Objects.requireNonNull(delay, "sleep(delay): delay must not be null");
        if (result == null && (delay.isZero() || delay.isNegative())) {
            @SuppressWarnings("unchecked") // the shared body returns null, a legal T here
            CoroutineBody<T> zero = (CoroutineBody<T>) Sleep.ZERO;
            return Coroutine.inline("sleep", zero);
        }
        return Coroutine.inline("sleep", new Sleep<>(delay, result));
    }

    // ---------------------------------------------------------------- combinators

    /**
     * Python's {@code asyncio.gather(*aws)}: runs the awaitables concurrently (coroutines are wrapped in
     * tasks, started in argument order) and returns a future of their results in argument order, whatever
     * the completion order. The first exception is raised to the awaiter at once; the other children keep
     * running. Cancelling the returned future cancels the children that are not done. The same awaitable
     * passed twice runs once and its result appears twice; no arguments give a done future of an empty
     * list.
     */
    public static <T extends @Nullable Object> Future<List<T>> gather(Object... awaitables) {
        Objects.requireNonNull(awaitables, "gather(awaitables): awaitables must not be null (pass none for an empty gather)");
        return GatheringFuture.gather(Arrays.asList(awaitables), false);
    }

    /** As {@link #gather(Object...)}, with the awaitables in a collection. */
    public static <T extends @Nullable Object> Future<List<T>> gather(Collection<?> awaitables) {
        Objects.requireNonNull(awaitables, "gather(awaitables): awaitables must be a collection, not null");
        return GatheringFuture.gather(new ArrayList<>(awaitables), false);
    }

    /**
     * Python's {@code asyncio.gather(*aws, return_exceptions=True)}: as {@link #gather(Object...)}, but
     * exceptions (and {@link CancelledError}s of children cancelled directly) take their place in the
     * result list instead of being raised.
     */
    public static Future<List<@Nullable Object>> gatherReturnExceptions(Object... awaitables) {
        Objects.requireNonNull(awaitables, "gatherReturnExceptions(awaitables): awaitables must not be null (pass none for an empty gather)");
        return GatheringFuture.gather(Arrays.asList(awaitables), true);
    }

    /** As {@link #gatherReturnExceptions(Object...)}, with the awaitables in a collection. */
    public static Future<List<@Nullable Object>> gatherReturnExceptions(Collection<?> awaitables) {
        Objects.requireNonNull(awaitables, "gatherReturnExceptions(awaitables): awaitables must be a collection, not null");
        return GatheringFuture.gather(new ArrayList<>(awaitables), true);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} with ALL_COMPLETED and no timeout. */
    public static <F extends Future<?>> Coroutine<WaitResult<F>> wait(Collection<F> futures) {
        return wait(futures, ReturnWhen.ALL_COMPLETED, null);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} without a timeout. */
    public static <F extends Future<?>> Coroutine<WaitResult<F>> wait(Collection<F> futures, ReturnWhen returnWhen) {
        return wait(futures, returnWhen, null);
    }

    /**
     * Python's {@code asyncio.wait(fs, timeout=, return_when=)}: a coroutine that waits until
     * {@code returnWhen} is met or {@code timeout} (null: none) passes, and returns the done and pending
     * futures. It never raises the futures' exceptions and never cancels anything.
     *
     * <p>Named as in Python, but call it qualified, {@code Aio.wait(...)}: inside a class, the simple
     * name {@code wait} finds the {@link Object#wait()} methods that every class inherits, which shadow a
     * static import, so an unqualified {@code wait(tasks)} does not compile even with
     * {@code import static dev.coflow.aio.Aio.*}.
     *
     * <pre>{@code
     * WaitResult<Task<String>> r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(2)));
     * }</pre>
     *
     * @throws IllegalArgumentException when awaited, for an empty collection ("Set of Tasks/Futures is
     *     empty.") or a collection holding coroutines ("Passing coroutines is forbidden, use tasks
     *     explicitly.")
     */
    public static <F extends Future<?>> Coroutine<WaitResult<F>> wait(
            Collection<F> futures, ReturnWhen returnWhen, @Nullable Duration timeout) {
        Objects.requireNonNull(futures, "wait(futures, ...): futures must be a collection of futures, not null");
        Objects.requireNonNull(returnWhen, "wait(futures, returnWhen, ...): returnWhen must not be null");
        return Coroutine.inline("wait", () -> Waiting.waitFor(futures, returnWhen, timeout));
    }

    /**
     * Python's {@code asyncio.wait_for(aw, timeout)}: a coroutine that awaits {@code awaitable} (a
     * coroutine is wrapped in a task) for at most {@code timeout} (null: no limit). On timeout it
     * cancels the inner task, waits for its cleanup, and raises {@link TimeoutError}; cancelling the
     * caller cancels the inner task too.
     */
    public static <T extends @Nullable Object> Coroutine<T> waitFor(Coroutine<T> awaitable, @Nullable Duration timeout) {
        Objects.requireNonNull(awaitable, "waitFor(awaitable, timeout): awaitable must not be null");
        return Coroutine.inline("wait_for", () -> Waiting.waitForOne(awaitable, timeout));
    }

    /** As {@link #waitFor(Coroutine, Duration)}, for a future or task. */
    public static <T extends @Nullable Object> Coroutine<T> waitFor(Future<T> awaitable, @Nullable Duration timeout) {
        Objects.requireNonNull(awaitable, "waitFor(awaitable, timeout): awaitable must not be null");
        return Coroutine.inline("wait_for", () -> Waiting.waitForOne(awaitable, timeout));
    }

    /**
     * Python's {@code asyncio.shield(aw)}: a future that follows {@code awaitable} (a coroutine is wrapped
     * in a task) but whose cancellation does not cancel it. A done future is returned as is.
     */
    public static <T extends @Nullable Object> Future<T> shield(Object awaitable) {
        Objects.requireNonNull(awaitable, "shield(awaitable): awaitable must not be null");
        return Waiting.shield(ensureFuture(awaitable));
    }

    /**
     * Python's {@code asyncio.as_completed(aws, timeout=)}: one coroutine per distinct awaitable; awaiting
     * them in order gives the results in completion order (a failed one raises its exception, and later
     * ones still work). Past the timeout (null: none), each remaining await raises {@link TimeoutError};
     * nothing is cancelled.
     */
    public static <T extends @Nullable Object> List<Coroutine<T>> asCompleted(
            Collection<?> awaitables, @Nullable Duration timeout) {
        Objects.requireNonNull(awaitables, "asCompleted(awaitables, timeout): awaitables must be a collection, not null");
        return CompletionQueue.start(awaitables, timeout);
    }

    /** {@link #asCompleted(Collection, Duration)} without a timeout. */
    public static <T extends @Nullable Object> List<Coroutine<T>> asCompleted(Collection<?> awaitables) {
        return asCompleted(awaitables, null);
    }

    /**
     * Python 3.11's {@code asyncio.timeout(delay)}: a deadline {@code delay} from now (null: none) for a
     * block run with {@link Timeout#run}.
     *
     * @throws IllegalStateException "no running event loop"
     */
    public static Timeout timeout(@Nullable Duration delay) {
        EventLoop loop = getRunningLoop();
        return new Timeout(loop, delay == null ? null : loop.time() + delay.toNanos() / 1e9);
    }

    /** Python 3.11's {@code asyncio.timeout_at(when)}: a deadline at {@code when} on the loop's clock. */
    public static Timeout timeoutAt(@Nullable Double when) {
        return new Timeout(getRunningLoop(), when);
    }

    // ---------------------------------------------------------------- loops and tasks

    /**
     * Python's {@code asyncio.run(main)}: runs {@code main} as a task on a new event loop on this
     * thread, then cancels the tasks still pending (awaiting their cleanup), shuts the default executor
     * down and closes the loop. Returns main's result or throws its exception.
     *
     * @throws IllegalStateException "Aio.run() cannot be called from a running event loop"
     */
    public static <T extends @Nullable Object> T run(Coroutine<T> main) {
        return run(main, false);
    }

    /** As {@link #run(Coroutine)}, with the loop's debug mode on or off. */
    public static <T extends @Nullable Object> T run(Coroutine<T> main, boolean debug) {
        return run(main, () -> {
            EventLoop loop = EventLoop.create();
            loop.setDebug(debug);
            return loop;
        });
    }

    /**
     * As {@link #run(Coroutine)}, on a loop made by {@code loopFactory} (Python 3.12's
     * {@code loop_factory}): {@code run(main, EventLoop::createVirtualTime)} runs on virtual time.
     */
    public static <T extends @Nullable Object> T run(Coroutine<T> main, Supplier<EventLoop> loopFactory) {
        Objects.requireNonNull(main, "run(main): main must be a Coroutine, not null");
        if (EventLoop.runningOnThisThread() != null || RunningCoroutine.core() != null) {
            throw new IllegalStateException("Aio.run() cannot be called from a running event loop");
        }
        EventLoop loop = loopFactory.get();
        try {
            return loop.runUntilComplete(loop.createTask(main));
        } finally {
            try {
                loop.cancelAllTasks();
                loop.runUntilComplete(loop.shutdownAsyncgens());
            } finally {
                loop.close();
            }
        }
    }

    /**
     * Python's {@code async for item in iterable: body}, inside a coroutine: see {@link AsyncFor#forEach},
     * and {@link AsyncFor#breakLoop()} for {@code break}.
     */
    public static <T extends @Nullable Object> void forEach(AsyncIterable<? extends T> iterable, AsyncForBody<? super T> body) {
        AsyncFor.forEach(iterable, body);
    }

    /**
     * Python's {@code asyncio.create_task(coro)}: wraps it in a task on the running loop.
     *
     * @throws IllegalStateException "no running event loop"
     */
    public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "createTask(coro): coro must be a Coroutine, not null");
        return getRunningLoop().createTask(coro);
    }

    /** As {@link #createTask(Coroutine)}, with a name. */
    public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "createTask(coro, name): coro must be a Coroutine, not null");
        Objects.requireNonNull(name, "createTask(coro, name): name must not be null (use createTask(coro) for a default name)");
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * Python's {@code asyncio.ensure_future(x)}: a future or task is returned as is; a coroutine is wrapped
     * in a task on the running loop; a {@link CompletionStage} or {@link Publisher} becomes a future.
     *
     * @throws IllegalArgumentException "An asyncio.Future, a coroutine or an awaitable is required"
     */
    public static <T extends @Nullable Object> Future<T> ensureFuture(Object awaitable) {
        return ensureFuture(awaitable, null);
    }

    /** As {@link #ensureFuture(Object)}, on {@code loop} (need not be running; null: the running loop). */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> Future<T> ensureFuture(Object awaitable, @Nullable EventLoop loop) {
        Objects.requireNonNull(awaitable, "ensureFuture(awaitable): awaitable must not be null"
                + " (Python: An asyncio.Future, a coroutine or an awaitable is required)");
        if (awaitable instanceof Future<?> f) {
            if (loop != null && f.loop != loop) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return (Future<T>) f;
        }
        if (awaitable instanceof Coroutine<?> || awaitable instanceof CompletionStage<?>
                || awaitable instanceof Publisher<?>) {
            EventLoop l = loop != null ? loop : getRunningLoop();
            if (awaitable instanceof Coroutine<?> c) {
                return (Future<T>) l.createTask(c);
            }
            return l.createTask(Coroutine.of(() -> Aio.<T>await(awaitable)));
        }
        throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required, got "
                + (awaitable == null ? "null" : awaitable.getClass().getName()));
    }

    /**
     * Python's {@code asyncio.current_task()}: the task running the calling code, or null in a plain
     * callback.
     *
     * @throws IllegalStateException "no running event loop" outside any loop
     */
    public static @Nullable Task<?> currentTask() {
        Task<?> t = RunningCoroutine.currentTask();
        if (t == null && EventLoop.current() == null) {
            throw new IllegalStateException("no running event loop");
        }
        return t;
    }

    /**
     * Python's {@code asyncio.get_running_loop()}: the loop running the calling coroutine or callback.
     *
     * @throws IllegalStateException "no running event loop"
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = EventLoop.current();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * The loop running the calling coroutine or callback, or {@code null} outside any loop: Python's
     * {@code asyncio._get_running_loop()}, for code that works both on and off a loop and asks rather
     * than catching {@link #getRunningLoop()}'s error. Any thread.
     *
     * <pre>{@code
     * EventLoop running = Aio.getRunningLoopOrNull();
     * EventLoop loop = running != null ? running : BackgroundLoop.shared();
     * }</pre>
     */
    public static @Nullable EventLoop getRunningLoopOrNull() {
        return EventLoop.current();
    }

    /**
     * Python's {@code asyncio.to_thread(func)}: a coroutine that runs {@code call} on another thread (the
     * loop's default executor: one virtual thread per call), in a copy of the current context, and
     * returns its result without blocking the loop.
     */
    public static <T extends @Nullable Object> Coroutine<T> toThread(Callable<T> call) {
        Objects.requireNonNull(call, "toThread(call): call must not be null");
        return Coroutine.inline("to_thread", () -> {
            EventLoop loop = getRunningLoop();
            Context ctx = Context.copyCurrent();
            return await(loop.runInExecutor(null, () -> ctx.run(call)));
        });
    }

    /** Python's {@code asyncio.all_tasks()}: the running loop's tasks that are not done. */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }
}
