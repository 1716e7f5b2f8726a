package dev.coflow.rxjava;

import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Task;
import dev.coflow.internal.aio.TaskRun;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Cancellable;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a coroutine-backed {@link Single}, {@link Maybe} or {@link Completable} gets its task on each
 * subscription: a fresh task of a fresh coroutine on a given loop or on the loop running the
 * subscriber (the shared {@link dev.coflow.aio.BackgroundLoop} if none runs), or one given, shared task.
 *
 * <p>The Rx types are built with RxJava's own {@code create}: its emitters are the state machine a
 * one-shot source needs (at most one terminal signal, disposal from any thread, late errors to
 * {@code RxJavaPlugins.onError}), so none is written again here; core's {@link TaskRun}, shared with
 * the Reactor bridge, supplies the coroutine side. A given task is not adapted through core's {@code Publishers.from(future)}: that
 * Publisher only detaches a subscriber that cancels, while disposing these sources cancels the task,
 * and a Single must fail on a {@code null} result where that Publisher completes empty.
 */
final class TaskSource<T> {

    private final @Nullable EventLoop loop;
    private final @Nullable Supplier<? extends Coroutine<? extends @Nullable T>> coroutines;
    private final @Nullable Task<? extends @Nullable T> task;
    /** The factory call that made it, for error messages: {@code CoRx.single(loop, coroutines)}. */
    private final String origin;

    private TaskSource(@Nullable EventLoop loop, @Nullable Supplier<? extends Coroutine<? extends @Nullable T>> coroutines,
            @Nullable Task<? extends @Nullable T> task, String origin) {
        this.loop = loop;
        this.coroutines = coroutines;
        this.task = task;
        this.origin = origin;
    }

    /** A new coroutine per subscription, as a task on {@code loop}; null: the running or default loop. */
    static <T> TaskSource<T> ofCoroutines(@Nullable EventLoop loop,
            Supplier<? extends Coroutine<? extends @Nullable T>> coroutines, String origin) {
        Objects.requireNonNull(coroutines, () -> origin + ": pass a supplier of new coroutines,"
                + " e.g. () -> Coroutine.of(() -> ...), not null");
        return new TaskSource<>(loop, coroutines, null, origin);
    }

    /** The given task, shared by every subscription. */
    static <T> TaskSource<T> ofTask(Task<? extends @Nullable T> task, String origin) {
        Objects.requireNonNull(task, () -> origin + ": task must not be null");
        return new TaskSource<>(task.getLoop(), null, task, origin);
    }

    Single<T> single() {
        return Single.create(emitter -> subscribe(emitter::setCancellable, (value, error) -> {
            if (error != null) {
                emitter.onError(error);
            } else if (value == null) {
                emitter.onError(new NullPointerException(origin + ": the coroutine returned null, but a"
                        + " Single must succeed with a value; return a value, or use CoRx.maybe(...) when"
                        + " there may be none (null completes the Maybe empty)"));
            } else {
                emitter.onSuccess(value);
            }
        }));
    }

    Maybe<T> maybe() {
        return Maybe.create(emitter -> subscribe(emitter::setCancellable, (value, error) -> {
            if (error != null) {
                emitter.onError(error);
            } else if (value == null) {
                emitter.onComplete();
            } else {
                emitter.onSuccess(value);
            }
        }));
    }

    Completable completable() {
        return Completable.create(emitter -> subscribe(emitter::setCancellable, (value, error) -> {
            if (error != null) {
                emitter.onError(error);
            } else {
                emitter.onComplete();
            }
        }));
    }

    /**
     * One subscription: a core {@link TaskRun} (the task made on the loop's thread, its outcome delivered
     * once, cancelled when the subscriber disposes). RxJava's emitters call the cancellable when they
     * finish too; the run ignores that once it has delivered.
     */
    private void subscribe(Consumer<Cancellable> onDispose, TaskRun.Delivery<T> delivery) {
        EventLoop l = loop != null ? loop : BackgroundLoop.runningOrShared();
        TaskRun<T> run = new TaskRun<>(l, () -> taskOn(l), delivery);
        onDispose.accept(run::cancel);
        if (!run.start()) {
            Task<? extends @Nullable T> given = task;
            if (given != null && given.done()) {
                run.outcome(given); // a closed loop changes no future any more: its state is safe to read here
            } else {
                delivery.deliver(null, closedLoop());
            }
        }
    }

    /** The task for one subscription, on {@code loop}'s thread. */
    private Task<? extends @Nullable T> taskOn(EventLoop loop) {
        Task<? extends @Nullable T> t = task;
        if (t != null) {
            return t;
        }
        Coroutine<? extends @Nullable T> coro = Objects.requireNonNull(coroutines).get();
        if (coro == null) {
            throw new NullPointerException(origin + ": the coroutine supplier returned null; it must return a"
                    + " new coroutine for each subscriber, e.g. () -> Coroutine.of(() -> ...)");
        }
        return loop.createTask(coro);
    }

    /** The error for a subscription whose loop is closed. */
    private IllegalStateException closedLoop() {
        return new IllegalStateException(origin + ": the event loop is closed, so the coroutine cannot run;"
                + " subscribe while the loop is open", new EventLoopClosedError());
    }
}
