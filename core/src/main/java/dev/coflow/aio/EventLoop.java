package dev.coflow.aio;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.coflow.internal.context.ThreadContext;
import dev.coflow.internal.engine.Engines;
import dev.coflow.internal.engine.StackProbe;
import dev.coflow.internal.gen.GeneratorCore;
import dev.coflow.internal.gen.Sneaky;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Python's asyncio event loop: runs callbacks, timers and {@link Task} steps, one at a time, on the
 * thread that called {@link #runForever()} or {@link #runUntilComplete}.
 *
 * <p>Each iteration mirrors CPython's {@code _run_once}: the timers that are due are appended to the
 * ready queue, then exactly the callbacks that were ready at that point run, in FIFO order; callbacks
 * scheduled meanwhile run in the next iteration. With nothing ready, the thread parks until the next
 * timer or until another thread calls {@link #callSoonThreadsafe}, {@link #submit} or {@link #stop()}.
 * A {@linkplain #createVirtualTime() virtual-time loop} never waits: it jumps its clock to the next
 * timer, so {@code sleep(Duration.ofHours(1))} completes at once, in order. A
 * {@linkplain #createDriven driven loop} owns no thread: a host scheduler runs its iterations in turns.
 *
 * <p>Thread-safety: {@link #callSoonThreadsafe}, {@link #offerThreadsafe}, {@link #submit}, {@link #stop()},
 * {@link #time()}, {@link #isRunning()} and {@link #isClosed()} may be called from any thread; everything else from the
 * loop's own control flow (or, before it runs, from the thread that will run it): its thread, and the
 * coroutine and async generator bodies its tasks drive, wherever the engine runs them (on the
 * virtual-thread engine each on a thread of its own, while the loop's thread waits for the step). Anything
 * else fails fast with "Non-thread-safe operation invoked on an event loop other than the current one"
 * instead of corrupting the queues: another thread while the loop runs, a coroutine of another loop (at
 * any time), and the body of a plain generator that does not run on the loop's thread (it does on the
 * continuation engine when the loop's code advances it; on the virtual-thread engine it runs on its own
 * thread, so it needs the thread-safe methods there).
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.create();
 * loop.callSoon(() -> print("soon"));
 * loop.callLater(Duration.ofMillis(10), loop::stop);
 * loop.runForever();      // prints "soon", returns after 10 ms
 * loop.close();
 * }</pre>
 */
public final class EventLoop implements AutoCloseable {

    private static final ThreadLocal<@Nullable EventLoop> RUNNING = new ThreadLocal<>();
    /** Where the library's own timer callbacks run; see {@link #callLaterInternal}. */
    private static final Context INTERNAL_CONTEXT = new Context();
    private static final long DEFAULT_SLOW_CALLBACK_NANOS = 100_000_000L;
    private static final int MIN_SCHEDULED_TIMERS_FOR_CLEANUP = 100;
    /**
     * Stops the loop once the future {@link #runUntilComplete} runs is done; a stale one (scheduled, but
     * an error escaped the loop before it ran) does nothing, as asyncio's {@code _run_until_complete_cb}.
     */
    @SuppressWarnings("UnnecessaryLambda") // one instance, that removeDoneCallback finds by identity
    private static final Consumer<Future<?>> STOP_WHEN_DONE = f -> {
        if (f.loop.untilComplete == f) {
            f.loop.stop();
        }
    };

    /** The loop's time, and how it waits for the next timer: system, virtual, or a driver's. */
    private final LoopClock clock;
    /** Who runs the iterations: the thread calling {@link #runForever()}, or a driver's turns. */
    private final LoopRunner runner;
    /** Tasks and handles; only the running thread touches it. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    /** Handles from other threads, drained into {@link #ready} at the start of each iteration. */
    private final ConcurrentLinkedQueue<Handle> incoming = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>(TimerHandle::compare);
    private long timerSequence;
    private int cancelledTimers;
    private volatile @Nullable Thread owner;
    private volatile boolean stopping;
    private volatile boolean closed;
    /** The future that the running {@link #runUntilComplete} waits for; loop thread only. */
    private @Nullable Future<?> untilComplete;
    /** Python's {@code _current_tasks[loop]}: the task whose step is executing. */
    @Nullable Task<?> currentTask;
    /**
     * Whether {@link #runForever} was entered on a thread holding no monitor, so that a task step,
     * which only Coflow frames separate from that entry, may resume a continuation right on this
     * thread. Never true for a driven loop, whose turns run inside its driver's code. Loop thread only.
     */
    private boolean ownsStack;
    /** Head of the intrusive list of tasks not done yet (Python's all_tasks weak set). */
    private @Nullable Task<?> pendingHead;
    /** Coroutines created during this iteration: watched for "never awaited" if still unstarted at its end. */
    private final ArrayList<Coroutine<?>> fresh = new ArrayList<>();
    private final Set<UnretrievedException> unretrieved = ConcurrentHashMap.newKeySet();
    private @Nullable BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;
    private boolean debug;
    private long slowCallbackNanos = DEFAULT_SLOW_CALLBACK_NANOS;
    /** The executor of {@code runInExecutor(null, call)}, made on first use; shut down when the loop closes. */
    @GuardedBy("this")
    private @Nullable ExecutorService defaultExecutor;
    /** The async generators first iterated on this loop: Python's {@code loop._asyncgens} and its hooks. */
    final AsyncGenRegistry asyncGens = new AsyncGenRegistry(this);

    private EventLoop(LoopClock clock, Function<EventLoop, LoopRunner> runner) {
        this.clock = clock;
        this.runner = runner.apply(this);
    }

    /** A new event loop on the real monotonic clock: Python's {@code asyncio.new_event_loop()}. */
    public static EventLoop create() {
        return new EventLoop(new LoopClock.SystemClock(), LoopRunner.OwnThread::new);
    }

    /**
     * A new event loop on a virtual clock starting at 0: time advances only when nothing is ready, and
     * then straight to the next timer. For tests and simulations: hours of sleeps run at once,
     * in exactly the order real time would give.
     */
    public static EventLoop createVirtualTime() {
        return new EventLoop(new LoopClock.VirtualClock(), LoopRunner.OwnThread::new);
    }

    /**
     * A new event loop that owns no thread: {@code driver} runs its iterations, in turns. Whenever work
     * becomes ready (a {@link #callSoonThreadsafe}, a {@link #submit}, a callback or task step scheduled
     * inside a turn) the loop asks {@link LoopDriver#runSoon} for a turn; a turn runs iterations while
     * callbacks are ready, at most a few before it asks for another turn and hands the thread back; with
     * only timers left it asks {@link LoopDriver#runLater} for a turn at the next deadline. Inside a turn
     * everything holds as on a loop of its own: FIFO callbacks, timers in deadline order,
     * {@link Aio#getRunningLoop()} and the current task. The loop's clock is {@link LoopDriver#nanoTime()}.
     *
     * <p>Python counterpart: none built in; the closest is a host framework running the loop's
     * {@code _run_once}, as trio-asyncio and uvloop's guest modes do.
     *
     * <p>Thread-safety: turns never overlap (one turn is requested or running at a time). From outside a
     * turn use the thread-safe methods ({@link #callSoonThreadsafe}, {@link #submit}, {@link #close()});
     * the others ({@link #callSoon}, {@link #createTask}, {@link #callLater}...) belong to the turns, where
     * callbacks and coroutines run, and fail fast elsewhere. {@link #runForever()} and
     * {@link #runUntilComplete} fail: the driver runs the loop. {@link #isRunning()} is true during a
     * turn; {@link #stop()} has no effect; {@link #close()} (outside a turn) waits for a running turn to
     * end, then closes the loop and calls {@link LoopDriver#loopClosed()}.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.createDriven(driver);   // e.g. CoReactor.eventLoop(scheduler)
     * CompletableFuture<String> r = loop.submit(Coroutine.of(() -> {
     *     await(sleep(Duration.ofMillis(10)));          // a runLater request, no thread parked
     *     return "done";
     * }));
     * }</pre>
     *
     * @throws NullPointerException if {@code driver} is null
     */
    public static EventLoop createDriven(LoopDriver driver) {
        Objects.requireNonNull(driver, "createDriven(driver): driver must not be null");
        return new EventLoop(new LoopClock.HostClock(driver), loop -> new DrivenTurns(loop, driver));
    }

    /** The loop running on the calling thread (not inside virtual-thread coroutine bodies), or null. */
    static @Nullable EventLoop runningOnThisThread() {
        return RUNNING.get();
    }

    // ---------------------------------------------------------------- clock and scheduling

    /** The loop's clock in seconds: monotonic, arbitrary origin (0 for a virtual-time loop). */
    public double time() {
        return nowNanos() / 1e9;
    }

    long nowNanos() {
        return clock.nanoTime();
    }

    /** Whether this loop runs on a virtual clock. */
    public boolean isVirtualTime() {
        return clock.isVirtual();
    }

    /**
     * Moves a virtual-time loop's clock forward by {@code duration} at once, as a blocking call of that
     * length (a {@code Thread.sleep} inside a coroutine) moves a real loop's clock: nothing else runs
     * meanwhile, timers that fall due run on the next iteration, and debug mode sees the running step take
     * that long. For tests and demos of what blocking does to a loop (the seed's {@code time.sleep}).
     *
     * @throws IllegalStateException on a real-time loop, whose clock is the system's; or from a thread
     *     other than the loop's
     * @throws IllegalArgumentException for a negative duration
     */
    public void advanceVirtualTime(Duration duration) {
        Objects.requireNonNull(duration, "advanceVirtualTime(duration): duration must not be null");
        clock.advance(duration, this::checkThread);
    }

    /**
     * Schedules {@code callback} to run on the next iteration, after those already scheduled (FIFO), in a
     * copy of the current context: Python's {@code loop.call_soon}.
     *
     * @throws IllegalStateException if the loop is closed, or when called from outside the loop's own
     *     control flow: another thread, or a coroutine of another loop (use {@link #callSoonThreadsafe}
     *     there); see the class comment
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callSoon(callback): callback must not be null");
        Handle h = new Handle(callback, Context.copyCurrent());
        schedule(h);
        return h;
    }

    /** As {@link #callSoon(Runnable)}, running the callback in {@code context}. */
    public Handle callSoon(Runnable callback, Context context) {
        Objects.requireNonNull(callback, "callSoon(callback, context): callback must not be null");
        Handle h = new Handle(callback, context);
        schedule(h);
        return h;
    }

    /**
     * As {@link #callSoon}, from any thread; wakes the loop if it is waiting: Python's
     * {@code loop.call_soon_threadsafe}. Callbacks from one thread keep their order; from the loop's own
     * control flow (its thread, or a coroutine of one of its tasks) it queues behind the {@link #callSoon}
     * callbacks already scheduled, as in Python, on both engines.
     *
     * @throws EventLoopClosedError if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callSoonThreadsafe(callback): callback must not be null");
        Handle h = enqueueThreadsafe(callback);
        if (h == null) {
            throw new EventLoopClosedError();
        }
        return h;
    }

    /**
     * As {@link #callSoonThreadsafe}, but says whether the loop took the callback instead of throwing
     * when it is closed: for code that has something else to do then (read a future's final state,
     * report on the calling thread), as Python code checks {@code loop.is_closed()} first. A taken
     * callback runs as one of {@link #callSoonThreadsafe} does, unless {@link #close()} drops it; one
     * that is refused never runs.
     *
     * <pre>{@code
     * if (!loop.offerThreadsafe(() -> future.setResult(value))) {
     *     log("the loop closed before the result arrived");
     * }
     * }</pre>
     *
     * @return {@code false} if the loop is closed
     */
    public boolean offerThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "offerThreadsafe(callback): callback must not be null");
        return enqueueThreadsafe(callback) != null;
    }

    /** The thread-safe enqueue: the handle, or null if the loop is closed (the callback was refused). */
    private @Nullable Handle enqueueThreadsafe(Runnable callback) {
        if (closed) {
            return null;
        }
        // As contextvars flow into call_soon_threadsafe, the caller's thread-locals flow to the callback.
        Handle h = new Handle(callback, Context.copyCurrent(), ThreadContext.capture());
        if (onLoop()) {
            ready.addLast(h); // keep the order relative to callSoon
            return h;
        }
        incoming.offer(h);
        if (closed && incoming.remove(h)) {
            // close() ran since the check above and its clear() missed h: refuse it, rather than leave a
            // callback in a closed loop that would neither run nor be dropped (the race jcstress's
            // CallSoonThreadsafeVsClose found). If h is gone, the loop ran it or close() dropped it, as
            // it drops every callback accepted before it.
            return null;
        }
        wake();
        return h;
    }

    /**
     * Schedules {@code callback} to run {@code delay} from now (a zero or negative delay is allowed and
     * sorts by deadline): Python's {@code loop.call_later}. Timers fire in deadline order, ties in
     * scheduling order; a due timer runs after the callbacks already ready.
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "callLater(delay, callback): delay must not be null");
        return callAtNanos(saturatedAdd(nowNanos(), delay), callback);
    }

    /** Schedules {@code callback} at {@code when} on the {@link #time()} scale: Python's {@code loop.call_at}. */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAtNanos((long) (when * 1e9), callback);
    }

    TimerHandle callAtNanos(long when, Runnable callback) {
        Objects.requireNonNull(callback, "callLater/callAt: callback must not be null");
        return callAtNanos(when, callback, Context.copyCurrent());
    }

    /**
     * A timer for the library's own callbacks, which never read a context variable (sleep's): it runs
     * in one shared empty context instead of a copy of the current one, a context object fewer per timer.
     */
    TimerHandle callLaterInternal(Duration delay, Runnable callback) {
        return callAtNanos(saturatedAdd(nowNanos(), delay), callback, INTERNAL_CONTEXT);
    }

    private TimerHandle callAtNanos(long when, Runnable callback, Context context) {
        checkClosed();
        checkThread();
        TimerHandle t = new TimerHandle(this, when, timerSequence++, callback, context);
        t.scheduled = true;
        timers.add(t);
        return t;
    }

    static long saturatedAdd(long now, Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException overflow) {
            nanos = d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        long r = now + nanos;
        if (((now ^ r) & (nanos ^ r)) < 0) {
            return nanos > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    /** Puts a handle or a task at the end of the ready queue (call_soon without a new handle). */
    void schedule(Object handleOrTask) {
        checkClosed();
        checkThread();
        ready.addLast(handleOrTask);
    }

    void timerCancelled() {
        cancelledTimers++;
    }

    private void checkClosed() {
        if (closed) {
            throw new EventLoopClosedError();
        }
    }

    private void checkThread() {
        Thread o = owner;
        if (o == Thread.currentThread()) {
            return;
        }
        if (o == null) {
            runner.checkCallWhileNotRunning();
        }
        Task<?> t = runningTask();
        // A body of the task this loop is stepping, wherever it runs; before the loop runs, any code but
        // another loop's.
        if (t != null ? !isStepping(t) : o != null) {
            throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other than"
                    + " the current one: from another thread use callSoonThreadsafe or submit");
        }
    }

    /** Whether this loop is running and the caller is its own control flow: see the class comment. */
    private boolean onLoop() {
        Thread o = owner;
        if (o == null) {
            return false;
        }
        Task<?> t;
        return o == Thread.currentThread() || ((t = runningTask()) != null && isStepping(t));
    }

    /**
     * Whether this loop is running a step of {@code t} now, so that its body (on whatever thread the
     * engine runs it) is the loop's control flow while the loop's thread waits for it. A body of one of
     * this loop's tasks that runs at any other moment is not: it goes through the thread-safe paths, and
     * never touches the ready queue while the loop's thread does.
     */
    private boolean isStepping(Task<?> t) {
        return t.loop == this && currentTask == t;
    }

    /**
     * The task driving the coroutine or async generator body that calls, or null. Such a body runs only
     * during its task's step, while the loop's thread waits for it (on whatever thread the engine runs
     * it), so for its own loop it counts as the loop's thread.
     */
    private static @Nullable Task<?> runningTask() {
        GeneratorCore<?, ?, ?> c = RunningCoroutine.core();
        return c == null ? null : RunningCoroutine.taskOf(c);
    }

    private void wake() {
        runner.wake();
    }

    /** The thread running the loop (for a driven loop, its turn), or null. */
    @Nullable Thread owner() {
        return owner;
    }

    // ---------------------------------------------------------------- tasks and futures

    /** A new pending future on this loop: Python's {@code loop.create_future()}. */
    public <T extends @Nullable Object> Future<T> createFuture() {
        checkClosed();
        return new Future<>(this);
    }

    /**
     * Wraps {@code coro} in a task whose first step runs on the next iteration: Python's
     * {@code loop.create_task}. Works whether or not the loop is running.
     *
     * @throws IllegalStateException "cannot reuse already awaited coroutine" if it was started before
     */
    public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null, null);
    }

    /** As {@link #createTask(Coroutine)}, with a name (null: {@code Task-N}). */
    public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro, @Nullable String name) {
        return createTask(coro, name, null);
    }

    /**
     * As {@link #createTask(Coroutine)}, with a name and the context to run in (null: a copy of the
     * current one); the task mutates the given context, as Python 3.11's {@code context=} argument.
     */
    public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coro, @Nullable String name, @Nullable Context context) {
        Objects.requireNonNull(coro, "createTask(coro): coro must be a Coroutine, not null");
        checkClosed();
        checkThread();
        return new Task<>(this, coro, name, context);
    }

    void taskStarted(Task<?> task) {
        Task<?> head = pendingHead;
        task.nextPending = head;
        if (head != null) {
            head.prevPending = task;
        }
        pendingHead = task;
    }

    void taskDone(Task<?> task) {
        Task<?> prev = task.prevPending;
        Task<?> next = task.nextPending;
        if (prev != null) {
            prev.nextPending = next;
        } else if (pendingHead == task) {
            pendingHead = next;
        }
        if (next != null) {
            next.prevPending = prev;
        }
        task.prevPending = null;
        task.nextPending = null;
    }

    /** The tasks of this loop that are not done yet: Python's {@code asyncio.all_tasks(loop)}. */
    public Set<Task<?>> allTasks() {
        Set<Task<?>> copy = new LinkedHashSet<>();
        for (Task<?> t = pendingHead; t != null; t = t.nextPending) {
            if (!t.done()) {
                copy.add(t);
            }
        }
        return copy;
    }

    /** The loop running the calling code (a coroutine body or a callback), or null. */
    static @Nullable EventLoop current() {
        GeneratorCore<?, ?, ?> c = RunningCoroutine.core();
        Task<?> t = c == null ? null : RunningCoroutine.taskOf(c);
        return t != null ? t.loop : RUNNING.get();
    }

    void fresh(Coroutine<?> coro) {
        fresh.add(coro);
    }

    private void watchFreshCoroutines() {
        ArrayList<Coroutine<?>> list = fresh;
        if (!list.isEmpty()) {
            for (int i = 0, n = list.size(); i < n; i++) {
                list.get(i).watchIfUnstarted();
            }
            list.clear();
        }
    }

    /** See {@link #ownsStack}; loop thread only. */
    boolean ownsStack() {
        return ownsStack;
    }

    void enterTask(Task<?> task) {
        Task<?> current = currentTask;
        if (current != null) {
            throw new IllegalStateException("Cannot enter into task " + task + " while another task "
                    + current + " is being executed.");
        }
        currentTask = task;
    }

    void leaveTask(Task<?> task) {
        currentTask = null;
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs {@code future} to completion and returns its result or throws its exception: Python's
     * {@code loop.run_until_complete}. Other tasks run meanwhile; those still pending when it is done stay
     * pending (a later run resumes them).
     *
     * @throws IllegalStateException "This event loop is already running", "Event loop is closed",
     *     "Event loop stopped before Future completed.", or on a {@linkplain #createDriven driven loop}
     * @throws IllegalArgumentException if the future belongs to another loop
     */
    public <T extends @Nullable Object> T runUntilComplete(Future<T> future) {
        Objects.requireNonNull(future, "runUntilComplete(future): future must not be null");
        runner.checkRunsForever();
        checkClosed();
        checkNotRunning();
        if (future.loop != this) {
            throw new IllegalArgumentException(
                    "The future belongs to a different loop than the one specified as the loop argument");
        }
        future.addDoneCallback(STOP_WHEN_DONE);
        untilComplete = future;
        try {
            runForever();
        } catch (Throwable escaped) {
            if (future.failure() == escaped) {
                future.exception(); // it is thrown to the caller: retrieved, not "never retrieved"
            }
            throw escaped;
        } finally {
            untilComplete = null;
            future.removeDoneCallback(STOP_WHEN_DONE);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /** Wraps {@code coro} in a task and runs it to completion: see {@link #runUntilComplete(Future)}. */
    public <T extends @Nullable Object> T runUntilComplete(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "runUntilComplete(coro): coro must not be null");
        runner.checkRunsForever();
        checkClosed();
        checkNotRunning();
        return runUntilComplete(createTask(coro));
    }

    /**
     * Runs iterations until {@link #stop()} is called: Python's {@code loop.run_forever()}. The batch of
     * callbacks running when {@code stop()} is called finishes first.
     *
     * @throws IllegalStateException if the loop is closed, already running or
     *     {@linkplain #createDriven driven}, or another loop runs on this thread
     */
    public void runForever() {
        runner.checkRunsForever();
        checkClosed();
        checkNotRunning();
        if (RUNNING.get() != null || RunningCoroutine.core() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        owner = Thread.currentThread();
        if (Engines.engine().bodiesRunOnVirtualThreads() && !Thread.currentThread().isVirtual()) {
            runOnVirtualThread();
        } else {
            runIterations();
        }
    }

    /**
     * The iterations of {@link #runForever}, on the thread that will be the loop's until it stops. The
     * caller has claimed the loop ({@link #owner} is set).
     */
    private void runIterations() {
        owner = Thread.currentThread();
        ownsStack = StackProbe.holdsNoMonitor();
        RUNNING.set(this);
        try {
            for (;;) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            watchFreshCoroutines();
            stopping = false;
            RUNNING.remove();
            ownsStack = false;
            owner = null;
        }
    }

    /**
     * Runs the iterations on a virtual thread while the calling platform thread waits: where each
     * coroutine body has a virtual thread of its own, every step is then a handoff between two virtual
     * threads, which the JDK's scheduler makes without waking an OS thread, instead of a park and
     * unpark of the caller's platform thread. The loop keeps the caller's thread-local context; what
     * escapes the iterations is rethrown here, and an interrupt of the caller is passed on.
     */
    private void runOnVirtualThread() {
        Object threadLocals = ThreadContext.capture();
        Throwable[] escaped = new Throwable[1];
        // Named after the caller, whose thread it stands in for (an EventLoopGroup's coflow-loop-N, say).
        Thread iterations = Thread.ofVirtual().name(Thread.currentThread().getName()).unstarted(() -> {
            AutoCloseable scope = ThreadContext.open(threadLocals);
            try {
                runIterations();
            } catch (Throwable t) {
                escaped[0] = t;
            } finally {
                ThreadContext.close(scope);
            }
        });
        iterations.start();
        boolean interrupted = false;
        for (;;) {
            try {
                iterations.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                iterations.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = escaped[0];
        if (t != null) {
            throw Sneaky.raise(t);
        }
    }

    private void checkNotRunning() {
        if (owner != null) {
            throw new IllegalStateException("This event loop is already running");
        }
    }

    /**
     * Python's {@code _run_once}: one iteration. Callbacks from other threads join the ready queue and
     * cancelled timers leave the heap; with nothing ready (and no stop requested) the loop idles as its
     * clock says, until the next timer or a wakeup; then {@link #runReady()} runs the due timers and the
     * ready batch.
     */
    private void runOnce() {
        drainIncoming();
        dropCancelledTimers();
        if (ready.isEmpty() && !stopping) {
            waitForWork();
            drainIncoming();
        }
        runReady();
    }

    /** The second half of {@code _run_once}: due timers join the ready queue, then that batch runs. */
    private void runReady() {
        long end = nowNanos();
        TimerHandle head;
        while ((head = timers.peek()) != null && head.whenNanos <= end) {
            timers.poll();
            head.scheduled = false;
            if (head.cancelled()) {
                cancelledTimers--;
            } else {
                ready.addLast(head);
            }
        }
        for (int n = ready.size(); n > 0; n--) {
            Object o = ready.pollFirst();
            if (o instanceof Task<?> t) {
                runStep(t);
            } else {
                runHandle((Handle) Objects.requireNonNull(o));
            }
        }
        watchFreshCoroutines();
    }

    private void drainIncoming() {
        Handle h;
        while ((h = incoming.poll()) != null) {
            ready.addLast(h);
        }
    }

    private void dropCancelledTimers() {
        if (timers.size() > MIN_SCHEDULED_TIMERS_FOR_CLEANUP && cancelledTimers * 2 > timers.size()) {
            timers.removeIf(t -> {
                if (t.cancelled()) {
                    t.scheduled = false;
                    return true;
                }
                return false;
            });
            cancelledTimers = 0;
            return;
        }
        TimerHandle head;
        while ((head = timers.peek()) != null && head.cancelled()) {
            timers.poll();
            head.scheduled = false;
            cancelledTimers--;
        }
    }

    /** Nothing is ready: the clock parks until the next timer or a wakeup, or (virtual) jumps to it. */
    private void waitForWork() {
        if (!incoming.isEmpty()) {
            return;
        }
        clock.idle(timers.peek(), this);
    }

    // ---------------------------------------------------------------- driven turns

    /**
     * A driven turn ({@link DrivenTurns}): up to {@code maxIterations} iterations while something is
     * ready, never waiting. A driver may run turns inside another loop's callback: that loop stays the
     * running one around the turn.
     */
    void runTurn(int maxIterations) {
        EventLoop outer = RUNNING.get();
        owner = Thread.currentThread();
        RUNNING.set(this);
        try {
            for (int i = 0; i < maxIterations && hasWorkNow(); i++) {
                drainIncoming();
                runReady();
            }
        } finally {
            RUNNING.set(outer);
            owner = null;
        }
    }

    /** Whether an iteration would run anything now: ready callbacks, incoming ones, or a due timer. */
    boolean hasWorkNow() {
        if (!ready.isEmpty() || !incoming.isEmpty()) {
            return true;
        }
        dropCancelledTimers();
        TimerHandle head = timers.peek();
        return head != null && head.whenNanos <= nowNanos();
    }

    /** The earliest timer, or null. */
    @Nullable TimerHandle nextTimer() {
        return timers.peek();
    }

    private void runStep(Task<?> t) {
        if (t.done()) {
            return;
        }
        Context outer = t.enterContext();
        long t0 = debug ? nowNanos() : 0;
        try {
            t.fire();
        } catch (Throwable e) {
            if (Diagnostics.isFatal(e)) {
                throw e;
            }
            callExceptionHandler(context("Exception in callback " + t, e, "task", t));
        } finally {
            Context.exit(outer);
            if (debug) {
                reportIfSlow(t, t0);
            }
        }
    }

    private void runHandle(Handle h) {
        if (h.cancelled()) {
            return;
        }
        Context outer = h.getContext().enter();
        AutoCloseable threadLocals = ThreadContext.open(h.threadLocals);
        long t0 = debug ? nowNanos() : 0;
        try {
            h.run();
        } catch (Throwable e) {
            if (Diagnostics.isFatal(e)) {
                throw e;
            }
            callExceptionHandler(context("Exception in callback " + h, e, "handle", h));
        } finally {
            ThreadContext.close(threadLocals);
            Context.exit(outer);
            if (debug) {
                reportIfSlow(h, t0);
            }
        }
    }

    private void reportIfSlow(Object what, long t0) {
        long dt = nowNanos() - t0;
        if (dt >= slowCallbackNanos) {
            Diagnostics.LOG.log(System.Logger.Level.WARNING,
                    "Executing " + what + " took " + String.format(Locale.ROOT, "%.3f", dt / 1e9) + " seconds");
        }
    }

    /**
     * Asks the loop to stop after the current batch of callbacks: Python's {@code loop.stop()}.
     * Thread-safe. No effect on a {@linkplain #createDriven driven loop}, which its driver runs (close it).
     */
    public void stop() {
        runner.stop();
    }

    /** The stop request of a loop running on its own thread: see {@link LoopRunner.OwnThread#stop()}. */
    void markStopping() {
        stopping = true;
    }

    /**
     * Whether the loop is running ({@link #runForever()} or {@link #runUntilComplete} is active; for a
     * {@linkplain #createDriven driven loop}, whether a turn is).
     */
    public boolean isRunning() {
        return owner != null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: ends the tasks still pending, drops the pending callbacks and timers, shuts the
     * default executor down, and reports task exceptions nobody retrieved. Afterwards every scheduling
     * call fails with an {@link EventLoopClosedError} ("Event loop is closed"). A second close is a no-op. A {@linkplain #createDriven driven
     * loop} may be closed from any thread outside its turns: this waits for a running turn to end, cancels
     * the wakeup it asked for and calls {@link LoopDriver#loopClosed()}.
     *
     * <p>A task still pending is ended here, on the calling thread: its coroutine is closed
     * ({@code GeneratorExit} at its {@code await}, so its {@code finally} blocks run, on both engines, with
     * the loop already closed), the task becomes CANCELLED with the message "the event loop was closed with
     * the task pending", so {@link Task#cancel()} returns false and {@link #allTasks()} is empty, and its
     * done-callbacks run right away (a {@link #submit} future completes as cancelled). What asyncio leaves
     * to its garbage collector ("Task was destroyed but it is pending!", then the coroutine's close) happens
     * at once and releases the task's resources; a finally block that fails, or awaits again, is reported
     * to the exception handler. To let tasks clean up on a running loop instead (awaiting in
     * {@code finally}, catching {@link CancelledError}), cancel them and run the loop first, as
     * {@link Aio#run} does.
     *
     * @throws IllegalStateException "Cannot close a running event loop" (for a driven loop: from inside
     *     one of its turns)
     */
    @Override
    public void close() {
        runner.close();
    }

    /**
     * Closes the loop unless it is closed already, and returns whether this call closed it: what
     * {@link #close()} does once its runner has made sure no iteration is running.
     */
    boolean closeOnce() {
        if (closed) {
            return false;
        }
        closed = true;
        closePendingTasks();
        release();
        return true;
    }

    /** Ends the tasks still pending: see {@link #close()}. The loop is closed already, so nothing new starts. */
    private void closePendingTasks() {
        for (Task<?> t : allTasks()) {
            Object callbacks = t.closeWithLoop();
            if (callbacks instanceof List<?> list) {
                for (Object cb : list) {
                    runIfDoneCallback(cb);
                }
            } else {
                runIfDoneCallback(callbacks);
            }
        }
    }

    /** A done-callback runs; a wakeup of another task is dropped (that task is closed in turn). */
    private void runIfDoneCallback(@Nullable Object callback) {
        if (callback instanceof Handle h) {
            runHandle(h);
        }
    }

    /** What closing drops and reports, whichever kind of loop. */
    private void release() {
        ready.clear();
        incoming.clear();
        timers.clear();
        ExecutorService executor;
        synchronized (this) {
            executor = defaultExecutor;
            defaultExecutor = null;
        }
        if (executor != null) {
            executor.shutdown();
        }
        for (UnretrievedException u : new ArrayList<>(unretrieved)) {
            unretrieved.remove(u);
            u.reportAtClose();
        }
    }

    /**
     * Python's {@code asyncio.runners._cancel_all_tasks}: cancels the pending tasks, runs the loop until
     * they have finished their cleanup, and reports those that ended with an exception.
     */
    void cancelAllTasks() {
        Set<Task<?>> toCancel = allTasks();
        if (toCancel.isEmpty()) {
            return;
        }
        Future<@Nullable Void> all = createFuture();
        int[] left = {toCancel.size()};
        for (Task<?> t : toCancel) {
            t.cancel();
            t.addDoneCallback(done -> {
                if (--left[0] == 0) {
                    all.setResult(null);
                }
            });
        }
        runUntilComplete(all);
        for (Task<?> t : toCancel) {
            if (!t.cancelled()) {
                Throwable e = t.exception();
                if (e != null) {
                    callExceptionHandler(context("unhandled exception during Aio.run() shutdown", e, "task", t));
                }
            }
        }
    }

    /**
     * A coroutine that closes every async generator first iterated on this loop and still suspended, each
     * in its own task, so that their {@code finally} blocks run: Python's {@code loop.shutdown_asyncgens()}.
     * Failures go to the exception handler. {@link Aio#run} awaits it before closing the loop.
     *
     * <pre>{@code
     * loop.runUntilComplete(loop.shutdownAsyncgens());
     * loop.close();
     * }</pre>
     */
    public Coroutine<@Nullable Void> shutdownAsyncgens() {
        return asyncGens.shutdown();
    }

    // ---------------------------------------------------------------- threads

    /**
     * Runs {@code coro} on this loop from any thread and returns a {@link CompletableFuture} of its
     * result: Python's {@code asyncio.run_coroutine_threadsafe}. Cancelling the returned future cancels
     * the task.
     *
     * @throws EventLoopClosedError if the loop is closed
     */
    // whenComplete's own future is not wanted: it mirrors result, or holds the EventLoopClosedError of a
    // loop closed meanwhile, which has no task left to cancel
    @SuppressWarnings("FutureReturnValueIgnored")
    public <T extends @Nullable Object> CompletableFuture<T> submit(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "submit(coro): coro must be a Coroutine, not null");
        CompletableFuture<T> result = new CompletableFuture<>();
        callSoonThreadsafe(() -> {
            if (result.isCancelled()) {
                coro.close();
                return;
            }
            Task<T> task = createTask(coro);
            result.whenComplete((v, e) -> {
                if (result.isCancelled() && !closed) {
                    callSoonThreadsafe(() -> task.cancel());
                }
            });
            task.addDoneCallback(f -> {
                if (f.cancelled()) {
                    result.cancel(false);
                    return;
                }
                Throwable e = f.exception();
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(f.rawResult());
                }
            });
        });
        return result;
    }

    /**
     * Runs {@code call} on {@code executor} (null: the loop's default executor, one virtual thread per
     * call) and returns a future of its result, completed on this loop: Python's
     * {@code loop.run_in_executor}. Cancelling the future before the call starts skips it; a running call
     * is not interrupted.
     */
    public <T extends @Nullable Object> Future<T> runInExecutor(@Nullable Executor executor, Callable<T> call) {
        Objects.requireNonNull(call, "runInExecutor(executor, call): call must not be null");
        checkClosed();
        Future<T> future = new Future<>(this);
        AtomicBoolean skip = new AtomicBoolean();
        future.addDoneCallback(f -> skip.set(true));
        Executor ex = executor != null ? executor : defaultExecutor();
        ex.execute(() -> {
            if (skip.get()) {
                return;
            }
            Runnable complete;
            try {
                T value = call.call();
                complete = () -> {
                    if (!future.done()) {
                        future.setResult(value);
                    }
                };
            } catch (Throwable t) {
                complete = () -> {
                    if (!future.done()) {
                        future.setException(t);
                    }
                };
            }
            if (!offerThreadsafe(complete)) {
                Diagnostics.LOG.log(System.Logger.Level.WARNING,
                        "runInExecutor: the result of " + call + " arrived after its event loop closed");
            }
        });
        return future;
    }

    private synchronized Executor defaultExecutor() {
        ExecutorService e = defaultExecutor;
        if (e == null) {
            e = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("coflow-executor-", 0).factory());
            defaultExecutor = e;
        }
        return e;
    }

    // ---------------------------------------------------------------- errors and debug

    /**
     * Sets what receives errors nobody else can handle (exceptions in callbacks, task exceptions never
     * retrieved): Python's {@code loop.set_exception_handler}. The context map has asyncio's keys:
     * {@code "message"}, {@code "exception"}, and {@code "handle"}/{@code "task"}/{@code "future"} where
     * they apply. Null restores the default handler, which logs to the {@code dev.coflow.aio} logger.
     */
    public void setExceptionHandler(@Nullable BiConsumer<EventLoop, Map<String, Object>> handler) {
        this.exceptionHandler = handler;
    }

    /** The handler set by {@link #setExceptionHandler}, or null for the default. */
    public @Nullable BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Passes {@code context} to the exception handler: Python's {@code loop.call_exception_handler}. If
     * the handler itself throws, the default handler logs both.
     */
    public void callExceptionHandler(Map<String, Object> context) {
        BiConsumer<EventLoop, Map<String, Object>> h = exceptionHandler;
        if (h == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            h.accept(this, context);
        } catch (Throwable t) {
            if (Diagnostics.isFatal(t)) {
                throw t;
            }
            defaultExceptionHandler(context("Unhandled error in exception handler", t, "context", context));
        }
    }

    /** Logs {@code context} on the {@code dev.coflow.aio} logger at ERROR: Python's default handler. */
    public void defaultExceptionHandler(Map<String, Object> context) {
        StringBuilder sb = new StringBuilder(String.valueOf(context.getOrDefault("message",
                "Unhandled exception in event loop")));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        Object exc = context.get("exception");
        if (exc instanceof Throwable t) {
            Diagnostics.LOG.log(System.Logger.Level.ERROR, sb.toString(), t);
        } else {
            Diagnostics.LOG.log(System.Logger.Level.ERROR, sb.toString());
        }
    }

    static Map<String, Object> context(String message, Throwable exception, String key, Object value) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exception);
        ctx.put(key, value);
        return ctx;
    }

    void trackUnretrieved(UnretrievedException u) {
        unretrieved.add(u);
    }

    void untrackUnretrieved(UnretrievedException u) {
        unretrieved.remove(u);
    }

    /** Reports on the loop's thread if it can, else (the loop is closed) right here. */
    void reportFromAnyThread(Map<String, Object> context) {
        if (!offerThreadsafe(() -> callExceptionHandler(context))) {
            defaultExceptionHandler(context);
        }
    }

    /**
     * Debug mode: logs every callback or task step that takes longer than the slow-callback duration
     * (100 ms by default), with the task's name and the time taken, as Python's {@code loop.set_debug}.
     * This is how a blocking call inside a coroutine (a {@code Thread.sleep}) shows up. Steps are timed on
     * the loop's own clock ({@link #time()}), as CPython times them: on a virtual-time loop only
     * {@link #advanceVirtualTime} makes a step slow, so what is reported there is deterministic.
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /** Whether debug mode is on. */
    public boolean getDebug() {
        return debug;
    }

    /** The threshold above which debug mode logs a callback: Python's {@code slow_callback_duration}. */
    public void setSlowCallbackDuration(Duration threshold) {
        this.slowCallbackNanos = threshold.toNanos();
    }

    /** See {@link #setSlowCallbackDuration}. */
    public Duration getSlowCallbackDuration() {
        return Duration.ofNanos(slowCallbackNanos);
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
