package dev.coflow.reactor;

import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.ContextVar;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One subscription of {@code CoReactor.mono}: starts the coroutine as a task on the loop, in a copy of
 * the current Coflow context carrying the subscriber's Reactor context, and maps the task's outcome to
 * the sink. Task creation, cancellation and the outcome all happen on the loop's thread, in the order
 * they were scheduled, so its fields need no synchronisation.
 */
final class CoroutineMono<T> {

    /** The subscriber's Reactor context, as seen by {@link CoReactor#context()} inside the coroutine. */
    static final ContextVar<ContextView> REACTOR_CONTEXT = new ContextVar<>("reactor.context", Context.empty());

    static final String IDLE_VIRTUAL_LOOP = "CoReactor.mono was subscribed to on a virtual-time loop that"
            + " is not running, and nothing will run it: await the Mono inside a coroutine that the loop runs"
            + " (loop.runUntilComplete(Coroutine.of(() -> await(mono)))), or, under StepVerifier, use"
            + " CoReactor.mono(CoReactor.eventLoop(Schedulers.single()), ...), whose loop runs on Reactor's"
            + " (virtual) time";

    private final EventLoop loop;
    private final MonoSink<T> sink;
    private @Nullable Task<T> task;
    private boolean cancelled;

    private CoroutineMono(EventLoop loop, MonoSink<T> sink) {
        this.loop = loop;
        this.sink = sink;
    }

    /** The body of {@code Mono.create}: runs at subscribe time. */
    static <T> void subscribe(@Nullable EventLoop fixed, Supplier<? extends Coroutine<T>> coroutines,
            MonoSink<T> sink) {
        EventLoop loop = fixed != null ? fixed : BackgroundLoop.runningOrShared();
        if (loop.isVirtualTime() && !loop.isRunning() && !loop.isClosed()) {
            // Only a runUntilComplete or runForever call runs a virtual-time loop, and subscribing is
            // not one: the subscriber would wait for ever, so it hears why at once.
            sink.error(new IllegalStateException(IDLE_VIRTUAL_LOOP));
            return;
        }
        CoroutineMono<T> m = new CoroutineMono<>(loop, sink);
        try {
            // The task is created on the loop: its callback carries the subscriber's thread-locals there.
            ReactorThreadLocals.runWith(sink.contextView(), () -> loop.callSoonThreadsafe(() -> m.start(coroutines)));
        } catch (IllegalStateException closed) {
            sink.error(closed);
            return;
        }
        sink.onCancel(() -> {
            try {
                loop.callSoonThreadsafe(m::cancel);
            } catch (IllegalStateException closed) {
                // a closed loop runs no task any more
            }
        });
    }

    private void start(Supplier<? extends Coroutine<T>> coroutines) {
        if (cancelled) {
            return;
        }
        Coroutine<T> coro;
        try {
            coro = coroutines.get();
        } catch (Throwable t) {
            reactor.core.Exceptions.throwIfJvmFatal(t);
            sink.error(t);
            return;
        }
        if (coro == null) {
            sink.error(new NullPointerException("the coroutine supplier returned null: it must return a new"
                    + " coroutine for each subscriber, e.g. () -> Coroutine.of(() -> ...)"));
            return;
        }
        ContextView view = sink.contextView();
        dev.coflow.aio.Context context = dev.coflow.aio.Context.copyCurrent();
        context.run(() -> REACTOR_CONTEXT.set(view));
        Task<T> t;
        try {
            t = loop.createTask(coro, null, context);
        } catch (IllegalStateException reused) {
            sink.error(reused); // "cannot reuse already awaited coroutine": the subscriber must hear of it
            return;
        }
        task = t;
        t.addDoneCallback(this::finished);
    }

    private void cancel() {
        cancelled = true;
        Task<T> t = task;
        if (t != null) {
            t.cancel(); // CancelledError at the coroutine's current await; its finally blocks run
        }
    }

    private void finished(Future<T> done) {
        Throwable error;
        try {
            error = done.exception();
        } catch (CancelledError c) {
            if (cancelled) {
                return; // the subscriber cancelled it and is gone
            }
            error = c; // someone else cancelled the task
        }
        if (error != null) {
            sink.error(error);
            return;
        }
        T value = done.result();
        if (value == null) {
            sink.success();
        } else {
            sink.success(value);
        }
    }
}
