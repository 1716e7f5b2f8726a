package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;

import dev.coflow.aio.AsyncLock;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Topic 17, the strengths and limits of coroutines (seed: 2.12 生成器与协程，你分清了吗？ / 协程的优点 /
 * 协程的缺点): ten thousand coroutines on one loop are cheap, and they all run on one thread; "no locks
 * needed" holds only between awaits ({@link AsyncLock} fixes a read-await-write race); one loop uses one
 * core, so use one loop per thread (Coflow's {@link EventLoopGroup} is one loop per core).
 *
 * <p>One line differs from CPython's output (see {@code seed/17-strengths-limits.java.out}): Java's main
 * thread is called {@code main}, Python's {@code MainThread}. The thread names printed are those of the
 * continuation engine, which runs a coroutine on its loop's thread (the tour's engine); the virtual-thread
 * engine runs each coroutine body on a virtual thread of its own, in strict alternation with the loop.
 *
 * <p>Not thread-safe: the race demo uses a static counter, as the Python uses a global.
 *
 * <pre>{@code
 * lock.run(() -> { int v = counter; await(sleep(Duration.ZERO)); counter = v + 1; return null; });
 * }</pre>
 */
public final class T17StrengthsLimits {
    private T17StrengthsLimits() {}

    static final int N = 10000;

    // Strength: one loop runs 10000 coroutines; each costs a small object, not an OS thread.
    static Coroutine<Integer> tiny(int i, Set<String> threads) {
        return Coroutine.of("tiny", () -> {
            threads.add(Thread.currentThread().getName());
            await(sleep(Duration.ZERO));
            return i;
        });
    }

    static Coroutine<Void> many() {
        return Coroutine.of("many", () -> {
            Set<String> threads = new HashSet<>();
            List<Integer> results = await(gather(IntStream.range(0, N).mapToObj(i -> tiny(i, threads)).toList()));
            print("finished coroutines:", results.size());
            print("sum of results:", results.stream().mapToLong(Integer::longValue).sum());
            // Limit: they all ran on one thread, the loop's.
            print("threads used:", List.copyOf(new TreeSet<>(threads)));
            print("same thread as the caller:", threads.equals(Set.of(Thread.currentThread().getName())));
            return null;
        });
    }

    // "No locks needed" holds only between awaits. A read, an await, then a write loses updates.
    static int counter = 0;

    static Coroutine<Void> unsafeIncrement() {
        return Coroutine.of("unsafe_increment", () -> {
            int value = counter;
            await(sleep(Duration.ZERO));       // another task runs here and reads the same value
            counter = value + 1;
            return null;
        });
    }

    static Coroutine<Void> safeIncrement(AsyncLock lock) {
        return Coroutine.of("safe_increment", () -> lock.run(() -> {   // async with lock:
            int value = counter;
            await(sleep(Duration.ZERO));
            counter = value + 1;
            return null;
        }));
    }

    static Coroutine<Void> races() {
        return Coroutine.of("races", () -> {
            counter = 0;
            await(gather(IntStream.range(0, 100).mapToObj(i -> unsafeIncrement()).toList()));
            print("100 unsafe increments ->", counter);
            counter = 0;
            AsyncLock lock = new AsyncLock();
            await(gather(IntStream.range(0, 100).mapToObj(i -> safeIncrement(lock)).toList()));
            print("100 increments under asyncio.Lock ->", counter);
            return null;
        });
    }

    // Limit: one loop uses one core. To use more, run one loop per core, each in its own thread (Coflow's
    // EventLoopGroup); each loop only runs its own tasks on its own thread. Two loops here, so the output
    // does not depend on the machine's core count. (The JVM has no GIL: CPU-bound work on two loops runs
    // in parallel.)
    static Coroutine<String> doSomeWork(int loopId, int x) {
        return Coroutine.of("do_some_work", () -> {
            await(sleep(Duration.ofSeconds(x)));
            return "loop " + loopId + " task " + x + " on " + Thread.currentThread().getName();
        });
    }

    static void runLoop(int loopId, Map<Integer, List<String>> results) {
        EventLoop loop = EventLoop.createVirtualTime();   // Python: asyncio.new_event_loop()
        try {
            Coroutine<List<String>> main = Coroutine.of("main",
                    () -> await(gather(doSomeWork(loopId, 1), doSomeWork(loopId, 2))));
            double start = loop.time();
            List<String> lines = new ArrayList<>(loop.runUntilComplete(main));
            lines.add("loop " + loopId + " Time: " + round(loop.time() - start));
            results.put(loopId, lines);
        } finally {
            loop.close();
        }
    }

    /** Prints what {@code seed/17-strengths-limits.py} prints (one line differs, see the class comment). */
    public static void main(String[] args) throws InterruptedException {
        run(many(), EventLoop::createVirtualTime);

        run(races(), EventLoop::createVirtualTime);

        Map<Integer, List<String>> results = new ConcurrentHashMap<>();
        List<Thread> threads = IntStream.range(0, 2)
                .mapToObj(i -> new Thread(() -> runLoop(i, results), "loop-thread-" + i))
                .toList();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // print in loop order, not in completion order
        for (List<String> lines : new TreeMap<>(results).values()) {
            for (String line : lines) {
                print(line);
            }
        }
    }
}
