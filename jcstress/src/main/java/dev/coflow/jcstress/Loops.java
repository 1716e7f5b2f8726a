package dev.coflow.jcstress;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * What the tests do with an event loop of their own: run it on the calling thread until their state has
 * settled, and count what it still holds.
 *
 * <p>Python counterpart: none; a test harness helper. Thread-safety: {@link #runUntil} and
 * {@link #runIterations} run the loop on the calling thread (its owner for that time); {@link #queued}
 * reads the loop's queues and is meant for a loop that is not running (a jcstress arbiter).
 *
 * <pre>{@code
 * boolean settled = Loops.runUntil(loop, () -> state.cancelled && loop.allTasks().size() == 1);
 * }</pre>
 */
public final class Loops {

    /**
     * How long {@link #runUntil} waits for a condition before it reports the state stuck. Far longer than
     * any settling takes (microseconds) even on a loaded machine, far shorter than jcstress's own timeout.
     */
    private static final long PATIENCE_NANOS = Duration.ofSeconds(5).toNanos();

    private static final Field READY = field("ready");
    private static final Field INCOMING = field("incoming");
    private static final Field TIMERS = field("timers");

    private Loops() {}

    /**
     * Runs {@code loop} on this thread, one iteration per check, until {@code settled} holds (checked
     * from the second iteration on, so that what was posted before the loop started has run).
     *
     * @return {@code true} once it holds; {@code false} if it still did not after a few seconds
     */
    public static boolean runUntil(EventLoop loop, BooleanSupplier settled) {
        Boolean held = loop.runUntilComplete(Coroutine.of(() -> {
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            do {
                await(sleep(Duration.ZERO));
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
            } while (!settled.getAsBoolean());
            return true;
        }));
        return Boolean.TRUE.equals(held);
    }

    /**
     * Runs {@code n} iterations of {@code loop} on this thread: the callbacks posted before, and those
     * they schedule up to {@code n - 1} iterations later, run.
     */
    public static void runIterations(EventLoop loop, int n) {
        loop.runUntilComplete(Coroutine.of(() -> {
            for (int i = 0; i < n; i++) {
                await(sleep(Duration.ZERO));
            }
            return null;
        }));
    }

    /**
     * The callbacks and timers {@code loop} still holds: ready, posted from other threads, or armed.
     * White box (the queues are private to {@link EventLoop}): "nothing left queued" is the property the
     * tests check, and no public method shows it.
     */
    public static int queued(EventLoop loop) {
        try {
            return ((Collection<?>) READY.get(loop)).size() + ((Collection<?>) INCOMING.get(loop)).size()
                    + ((Collection<?>) TIMERS.get(loop)).size();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = EventLoop.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("EventLoop has no field '" + name + "' any more: update"
                    + " Loops.queued to the loop's queues");
        }
    }
}
