package dev.coflow.aio;

import dev.coflow.internal.context.ThreadContext;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.aio.FuturePublisher;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * A {@link Coroutine} scheduled to run on an {@link EventLoop}: Python's {@code asyncio.Task}. Its first
 * step runs on the loop's next iteration; each time the coroutine awaits a pending future the task
 * suspends it and resumes it (with the result or the exception) once the future is done. The task is a
 * {@link Future} of the coroutine's result, and a one-item Reactive Streams {@link Publisher} of it.
 *
 * <p>{@link #cancel(String)} raises {@link CancelledError} inside the coroutine at its current
 * {@code await} on the next iteration; the coroutine may catch it and clean up. The task ends CANCELLED
 * only if the error propagates out of the coroutine.
 *
 * <p>Unlike asyncio's loop, which keeps only weak references to its tasks (a task nobody references
 * may be collected mid-execution: "Task was destroyed but it is pending!"), the loop keeps every pending
 * task until it is done ({@link EventLoop#allTasks()}): a fire-and-forget task runs to its end. A task
 * awaiting a future that nobody will ever complete therefore stays until it is cancelled, or until its
 * loop closes, which closes its coroutine and ends it CANCELLED.
 *
 * <p>A {@link StackOverflowError}, an {@link OutOfMemoryError} or another error raised in the coroutine
 * ends the task with that exception, as asyncio stores {@code RecursionError} and {@code MemoryError};
 * only an {@link InternalError} or {@link UnknownError} (the JVM is broken) also escapes the loop.
 *
 * <p>Thread-safety: not thread-safe; use it on its loop's thread ({@link #subscribe} excepted).
 *
 * <pre>{@code
 * Task<String> task = loop.createTask(Coroutine.of(() -> {
 *     await(sleep(Duration.ofSeconds(1)));
 *     return "done";
 * }));
 * task.addDoneCallback(t -> print(t.result()));
 * loop.runUntilComplete(task);
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Task<T extends @Nullable Object> extends Future<T> implements Publisher<T> {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /**
     * How many coroutines may await one another in one task ({@code await(coro)} inside a coroutine that
     * another one awaits, and so on): Python's default {@code sys.getrecursionlimit()}.
     */
    static final int MAX_AWAIT_DEPTH = 1000;
    /** The message of the CancelledError of a task that its loop ended as it closed. */
    static final String CLOSED_WITH_LOOP = "the event loop was closed with the task pending";

    private final Coroutine<T> coro;
    /**
     * The task's context, in one of two forms (most tasks never set a variable, and a context object
     * would grow every suspended task; see the layouts in {@code benchmarks/README.md}); read only through {@link #context()},
     * {@link #contextVars()} and {@link #enterContext()}:
     *
     * <pre>
     *   values: the immutable Map&lt;ContextVar, Object&gt; the task was created with
     *      |-- context() (a variable set in a step, getContext()) --> the Context made of those values
     *   Context: the one given to createTask, or made as above; final from then on
     * </pre>
     */
    private Object context;
    /** For the default name; read as unsigned, so names repeat only after 2^32 tasks. */
    private final int number;
    private @Nullable String name;
    /**
     * Python's {@code _fut_waiter}: the future the coroutine awaits (when scheduled, a wakeup); or the
     * exception the next step throws into the coroutine (Python's {@code call_soon(__step, exc)}).
     */
    private @Nullable Object waiter;
    private boolean mustCancel;
    private int numCancelsRequested;
    /** The creator's thread-local context, set around every step ({@code ThreadContext}); null without it. */
    private final @Nullable Object threadLocals;
    /** Coroutines awaiting one another in this task now; a short keeps the task's layout small. */
    private short awaitDepth;
    /** The loop's intrusive list of pending tasks. */
    @Nullable Task<?> prevPending;
    @Nullable Task<?> nextPending;

    Task(EventLoop loop, Coroutine<T> coro, @Nullable String name, @Nullable Context context) {
        super(loop);
        this.coro = coro;
        this.name = name;
        this.number = COUNTER.incrementAndGet();
        this.context = context == null ? Context.currentVars() : context;
        this.threadLocals = ThreadContext.capture();
        coro.start(this);
        loop.schedule(this);
        loop.taskStarted(this);
    }

    /** The seed's four states: PENDING, RUNNING (a step is executing), DONE, CANCELLED. */
    public TaskState state() {
        if (cancelled()) {
            return TaskState.CANCELLED;
        }
        if (done()) {
            return TaskState.DONE;
        }
        return loop.currentTask == this ? TaskState.RUNNING : TaskState.PENDING;
    }

    /** The task's name: the one given at creation, else {@code Task-N} from a global counter. */
    public String getName() {
        String n = name;
        return n != null ? n : "Task-" + Integer.toUnsignedString(number);
    }

    /** Renames the task. */
    public void setName(String name) {
        this.name = name;
    }

    /** The coroutine this task drives: Python's {@code get_coro()}. */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** The context the task runs in: a copy of the one current at its creation, or the one given. */
    public Context getContext() {
        return context();
    }

    /** The task's context object, made from its values the first time it is needed. */
    Context context() {
        Object c = context;
        if (c instanceof Context ctx) {
            return ctx;
        }
        Context made = Context.of(contextVars());
        context = made;
        return made;
    }

    /** The values of the task's context, without making its context object. */
    @SuppressWarnings("unchecked") // a Map here is only ever the values snapshot taken at creation
    Map<ContextVar<?>, Object> contextVars() {
        Object c = context;
        return c instanceof Context ctx ? ctx.vars() : (Map<ContextVar<?>, Object>) c;
    }

    /** Enters the task's context for a step and returns the one to restore; see {@link Context#current()}. */
    @Nullable Context enterContext() {
        return context instanceof Context ctx ? ctx.enter() : Context.enterNone();
    }

    /**
     * Requests cancellation: Python's {@code task.cancel(msg)}. Returns {@code false} if the task is done
     * (a task pending when its loop closed is: {@link EventLoop#close()} ends it CANCELLED).
     * Otherwise cancels the future it awaits (if any) and makes its next step raise
     * {@link CancelledError} with {@code msg} inside the coroutine; returns {@code true}. The task is not
     * done yet: it becomes CANCELLED once the error has propagated out of the coroutine.
     */
    @Override
    public boolean cancel(@Nullable String msg) {
        if (done()) {
            return false;
        }
        numCancelsRequested++;
        if (waiter instanceof Future<?> w && w.cancel(msg)) {
            // Keep the waiter: it may be a task that swallows the cancellation and must be cancelled again.
            return true;
        }
        mustCancel = true;
        requestCancelMessage(msg);
        return true;
    }

    /** How many cancellation requests are pending: Python 3.11's {@code cancelling()}. */
    public int cancelling() {
        return numCancelsRequested;
    }

    /** Withdraws one cancellation request and returns how many remain: Python 3.11's {@code uncancel()}. */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
        }
        return numCancelsRequested;
    }

    /**
     * The task as a Reactive Streams Publisher of at most one item, Mono-like ({@code Mono.from(task)}
     * works): its result once requested, {@code onComplete} alone for a {@code null} result, its
     * exception or {@link CancelledError} as {@code onError}. Hot, as the task runs anyway: cancelling a
     * subscription detaches that subscriber only. Thread-safe; see
     * {@link dev.coflow.stream.Publishers#from(Future)}.
     */
    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        new FuturePublisher<>(this).subscribe(subscriber);
    }

    /** Always fails: a task's result comes from its coroutine ("Task does not support set_result operation"). */
    @Override
    public void setResult(@Nullable T value) {
        throw new UnsupportedOperationException("Task does not support set_result operation");
    }

    /** Always fails: a task's exception comes from its coroutine. */
    @Override
    public void setException(Throwable exception) {
        throw new UnsupportedOperationException("Task does not support set_exception operation");
    }

    /** Runs when the loop reaches this task in its ready queue: a wakeup from a future, or a plain step. */
    void fire() {
        Object w = waiter;
        step(w instanceof Future<?> f ? f.failureForAwaiter() : (Throwable) w);
    }

    /** Python's {@code Task.__step}: resumes the coroutine once and acts on what it yields. */
    private void step(@Nullable Throwable exc) {
        if (done()) {
            throw new InvalidStateError("_step(): already done: " + this + ", " + exc);
        }
        if (mustCancel) {
            if (!(exc instanceof CancelledError)) {
                exc = makeCancelledError();
            }
            mustCancel = false;
        }
        waiter = null;
        loop.enterTask(this);
        AutoCloseable scope = ThreadContext.open(threadLocals);
        try {
            Object yielded = loop.ownsStack()
                    ? coro.core().resumeOnCleanStack(null, exc)
                    : coro.core().resume(null, exc);
            if (yielded == GeneratorCore.RETURNED) {
                if (mustCancel) {
                    mustCancel = false;
                    super.cancel(cancelMessage());
                } else {
                    super.setResult(uncheckedResult());
                }
            } else {
                suspended(yielded);
            }
        } catch (CancelledError e) {
            markCancelledBy(e);
        } catch (Throwable t) {
            // A StackOverflowError or any error the JVM survives ends this task only, as asyncio stores
            // RecursionError and MemoryError on the task: the loop goes on with the others.
            super.setException(t);
            if (Diagnostics.isFatal(t)) {
                throw t;
            }
        } finally {
            ThreadContext.close(scope);
            loop.leaveTask(this);
            if (done()) {
                finished();
            }
        }
    }

    /**
     * The task is done: off the loop's pending list, and its core no longer points back at it. On the
     * virtual-thread engine the engine's cleaner holds the core until the coroutine is unreachable, so a
     * core whose fiber never started (a task cancelled or closed before its first step) would otherwise
     * keep the task, and through it the loop, for ever.
     */
    private void finished() {
        coro.core().drive(null);
        loop.taskDone(this);
    }

    /**
     * Its loop closes with this task pending ({@link EventLoop#close()}): closes the coroutine, so that
     * its {@code finally} blocks run (as Python's collector does for the tasks of a dropped loop), and
     * ends the task CANCELLED. Returns the callbacks, unscheduled: the closing loop runs the done-callbacks
     * itself and drops the wakeups of other tasks, which it closes too.
     */
    @Nullable Object closeWithLoop() {
        Throwable failure = null;
        try {
            coro.close();
        } catch (Throwable t) {
            if (Diagnostics.isFatal(t)) {
                throw t;
            }
            failure = t; // a finally that failed, or awaited again ("coroutine ignored GeneratorExit")
        }
        waiter = null;
        mustCancel = false;
        Object callbacks = cancelUnscheduled(CLOSED_WITH_LOOP);
        finished();
        if (failure != null) {
            loop.callExceptionHandler(EventLoop.context("Exception while closing " + this + " with its event loop",
                    failure, "task", this));
        }
        return callbacks;
    }

    /**
     * Counts one more coroutine awaiting another in this task, or fails with "maximum recursion depth
     * exceeded" past {@link #MAX_AWAIT_DEPTH}: each level costs stack on the thread that runs the task,
     * and a deterministic limit beats a StackOverflowError at a depth that varies with the JVM.
     */
    void enterAwait() {
        if (awaitDepth >= MAX_AWAIT_DEPTH) {
            throw new RuntimeException("maximum recursion depth exceeded: " + MAX_AWAIT_DEPTH
                    + " coroutines already await one another in " + getName() + " (Coflow's limit, Python's"
                    + " default recursion limit): turn the recursion into a loop, or await the inner call as"
                    + " a task of its own (createTask), which does not nest");
        }
        awaitDepth++;
    }

    /** The awaited coroutine has ended: see {@link #enterAwait()}. */
    void leaveAwait() {
        awaitDepth--;
    }

    @SuppressWarnings("NullAway") // T itself may be a nullable type
    private T uncheckedResult() {
        return coro.core().result();
    }

    private void suspended(@Nullable Object yielded) {
        if (yielded == null) {
            // sleep(0): relinquish control for one iteration.
            loop.schedule(this);
        } else if (yielded instanceof Future<?> f) {
            if (f.loop != loop) {
                rescheduleWith(new IllegalStateException(
                        "Task " + this + " got Future " + f + " attached to a different loop"));
            } else if (f == this) {
                rescheduleWith(new IllegalStateException("Task cannot await on itself: " + this));
            } else {
                f.addCallback(this);
                waiter = f;
                if (mustCancel && f.cancel(cancelMessage())) {
                    mustCancel = false;
                }
            }
        } else {
            rescheduleWith(new IllegalStateException("Task got bad yield: " + yielded));
        }
    }

    private void rescheduleWith(Throwable t) {
        waiter = t;
        loop.schedule(this);
    }

    @Override
    String kindName() {
        return "Task";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Task");
        if (cancelling() > 0 && !done()) {
            sb.append(" cancelling"); // 3.11's repr: a pending task asked to cancel
        } else {
            describeState(sb);
        }
        sb.append(" name='").append(getName()).append("' coro=").append(coro);
        if (waiter instanceof Future<?> w) {
            sb.append(" wait_for=").append(w);
        }
        return sb.append('>').toString();
    }
}
