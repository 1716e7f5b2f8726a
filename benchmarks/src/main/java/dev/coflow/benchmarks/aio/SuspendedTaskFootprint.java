package dev.coflow.benchmarks.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import dev.coflow.benchmarks.gen.LiveHeap;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many heap bytes a suspended task retains (its task, coroutine, suspended stack and body lambda):
 * N tasks each suspended in {@code await(future)} on one shared future, then N suspended in
 * {@code await(sleep(1 hour))} (which adds a timer and a future of its own). It counts the live objects
 * class by class before and after ({@link LiveHeap}) and prints the growth per task with its breakdown.
 * A plain main, not JMH; see benchmarks/README.md. With {@code -Xmx1g 1000000 future-only} it also
 * shows that a million suspended tasks fit in a 1 GiB heap.
 */
public final class SuspendedTaskFootprint {
    private SuspendedTaskFootprint() {}

    /**
     * Prints the bytes per suspended task.
     *
     * @param args optionally the number of tasks (default 100000), then {@code future-only} to skip the
     *     sleep variant
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean withSleep = args.length < 2 || !args[1].equals("future-only");
        warmUp();
        EventLoop loop = EventLoop.createVirtualTime();
        Future<Object> gate = loop.createFuture();
        List<Task<Object>> tasks = new ArrayList<>(n);
        try {
            LiveHeap before = LiveHeap.snapshot();
            for (int i = 0; i < n; i++) {
                tasks.add(loop.createTask(awaiting(gate)));
            }
            runOnce(loop);
            report("await(future)", n, before);
            gate.setResult(null);
            runOnce(loop);
            tasks.clear();
            if (withSleep) {
                before = LiveHeap.snapshot();
                for (int i = 0; i < n; i++) {
                    tasks.add(loop.createTask(sleepingAnHour()));
                }
                runOnce(loop);
                report("await(sleep(1h))", n, before);
            }
        } finally {
            Reference.reachabilityFence(tasks);
        }
    }

    private static void report(String what, int n, LiveHeap before) {
        String growth = LiveHeap.snapshot().growthSince(before, n);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("engine=%s tasks=%d suspended in %s: %sheap used %.0f MB of max %.0f MB%n",
                System.getProperty("coflow.engine", "default"), n, what, growth,
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
    }

    private static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    // One lambda site each, shared by the warm-up and the measurement: a new site is a new class whose
    // first runs are interpreted, and interpreted frames are about twice the size of compiled ones.
    private static Coroutine<Object> awaiting(Future<Object> gate) {
        return Coroutine.of(() -> await(gate));
    }

    private static Coroutine<Object> sleepingAnHour() {
        return Coroutine.of(() -> await(sleep(Duration.ofHours(1))));
    }

    /**
     * Runs the same code until C2 has compiled it, as in a steady-state application: the frames a task
     * keeps while suspended are the compiled frames of its body, a third the size of C1's.
     */
    private static void warmUp() {
        for (int round = 0; round < 100; round++) {
            EventLoop loop = EventLoop.createVirtualTime();
            Future<Object> gate = loop.createFuture();
            for (int i = 0; i < 10_000; i++) {
                loop.createTask(awaiting(gate));
                loop.createTask(sleepingAnHour());
            }
            runOnce(loop);
            gate.setResult(null);
            loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofHours(2)))));
            loop.close();
        }
    }
}
