package dev.coflow.aio;

/**
 * What runs a {@linkplain EventLoop#createDriven driven event loop}: a host scheduler (a Netty event
 * loop, a Reactor {@code Scheduler} worker, an executor) that the loop asks to run its turns, instead of
 * owning a thread of its own.
 *
 * <p>Python counterpart: asyncio has none built in; the closest is a host framework calling the loop's
 * {@code _run_once} itself, as trio-asyncio and uvloop's guest modes do.
 *
 * <p>Contract: the loop never has more than one turn requested or running at a time, so a driver need
 * not serialise turns itself, but it must run each requested turn exactly once, later (not on the stack
 * of the call that requested it when that call comes from a running turn: a trampolining scheduler, such
 * as Reactor's {@code VirtualTimeScheduler}, is fine). Successive turns may run on different threads; the
 * loop publishes its state between them.
 *
 * <p>Thread-safety: {@link #runSoon} and {@link #runLater} may be called from any thread, and the
 * action returned by {@code runLater} too.
 *
 * <pre>{@code
 * ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
 * EventLoop loop = EventLoop.createDriven(new LoopDriver() {
 *     public void runSoon(Runnable turn) { host.execute(turn); }
 *     public Runnable runLater(Runnable turn, long delayNanos) {
 *         ScheduledFuture<?> f = host.schedule(turn, delayNanos, TimeUnit.NANOSECONDS);
 *         return () -> f.cancel(false);
 *     }
 * });
 * CompletableFuture<String> r = loop.submit(Coroutine.of(() -> "ran on the host's thread"));
 * }</pre>
 */
public interface LoopDriver {

    /**
     * Runs {@code turn} soon, once, on the driver's thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException (or another runtime exception) if the driver
     *     is shut down; the loop passes it to the caller that made work ready
     */
    void runSoon(Runnable turn);

    /**
     * Runs {@code turn} once after {@code delayNanos} (zero or more) on the {@link #nanoTime()} scale:
     * the loop asks for this when only timers are pending. Running it early is harmless (the loop asks
     * again), running it late delays the timers.
     *
     * @return an action that cancels the request (a no-op once the turn has run)
     */
    Runnable runLater(Runnable turn, long delayNanos);

    /**
     * The clock the loop's {@link EventLoop#time()} reads, in nanoseconds: {@link System#nanoTime()} by
     * default; a driver with a virtual clock returns it, so that timers follow it.
     */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Called once when the driven loop closes: release what the driver holds for it (a worker, a thread). */
    default void loopClosed() {}
}
