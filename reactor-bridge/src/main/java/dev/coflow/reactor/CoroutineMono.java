package dev.coflow.reactor;

import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.ContextVar;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Task;
import dev.coflow.internal.aio.TaskRun;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The Reactor glue of {@code CoReactor.mono}: each subscription is a core {@link TaskRun} (the task made
 * on the loop's thread, its outcome delivered once, cancelled when the subscriber cancels); what is
 * Reactor's here is the sink, the subscriber's Reactor context inside the coroutine, and its
 * thread-locals captured when the task is scheduled.
 */
final class CoroutineMono {

    /** The subscriber's Reactor context, as seen by {@link CoReactor#context()} inside the coroutine. */
    static final ContextVar<ContextView> REACTOR_CONTEXT = new ContextVar<>("reactor.context", Context.empty());

    static final String IDLE_VIRTUAL_LOOP = "CoReactor.mono was subscribed to on a virtual-time loop that"
            + " is not running, and nothing will run it: await the Mono inside a coroutine that the loop runs"
            + " (loop.runUntilComplete(Coroutine.of(() -> await(mono)))), or, under StepVerifier, use"
            + " CoReactor.mono(CoReactor.eventLoop(Schedulers.single()), ...), whose loop runs on Reactor's"
            + " (virtual) time";

    private CoroutineMono() {}

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
        ContextView view = sink.contextView();
        TaskRun<T> run = new TaskRun<>(loop, () -> task(loop, coroutines, view), (value, error) -> {
            if (error != null) {
                sink.error(error);
            } else if (value == null) {
                sink.success();
            } else {
                sink.success(value);
            }
        });
        boolean[] started = new boolean[1];
        // The task is created on the loop: the posted start carries the subscriber's thread-locals there.
        ReactorThreadLocals.runWith(view, () -> started[0] = run.start());
        if (!started[0]) {
            sink.error(new EventLoopClosedError());
            return;
        }
        sink.onCancel(run::cancel);
    }

    /**
     * On the loop's thread: the subscriber's task, in a copy of the current Coflow context that carries
     * its Reactor context. A supplier that fails or returns null, or a coroutine already awaited, fails
     * this subscriber alone.
     */
    private static <T> Task<T> task(EventLoop loop, Supplier<? extends Coroutine<T>> coroutines, ContextView view) {
        Coroutine<T> coro = coroutines.get();
        if (coro == null) {
            throw new NullPointerException("the coroutine supplier returned null: it must return a new"
                    + " coroutine for each subscriber, e.g. () -> Coroutine.of(() -> ...)");
        }
        dev.coflow.aio.Context context = dev.coflow.aio.Context.copyCurrent();
        context.run(() -> REACTOR_CONTEXT.set(view));
        return loop.createTask(coro, null, context);
    }
}
