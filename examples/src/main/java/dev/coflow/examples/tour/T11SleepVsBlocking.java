package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.getRunningLoop;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Topic 11, {@code await sleep} against a blocking sleep (seed: asyncio.sleep(n) 模拟IO阻塞 / 协程的缺点
 * (2) 阻塞): {@code await(sleep(d))} suspends only its task, so three one-second sleeps take one second;
 * a blocking call inside a coroutine stops the whole loop, so the tasks run one after another, and the
 * loop's debug mode reports each slow step ("Executing &lt;Task ...&gt; took 0.200 seconds").
 *
 * <p>Deterministic on a virtual-time loop: the blocking {@code time.sleep(UNIT)} is
 * {@link EventLoop#advanceVirtualTime}, which moves the loop's clock as a {@code Thread.sleep} would move a
 * real one (nothing else runs meanwhile), and debug mode times steps on the loop's clock, as CPython does.
 * The warnings are read from the {@code dev.coflow.aio} logger (java.util.logging by default), as the
 * Python reads the {@code asyncio} logger.
 *
 * <pre>{@code
 * await(sleep(Duration.ofSeconds(1)));   // suspends only this task
 * Thread.sleep(200);                     // blocks the loop: never inside a coroutine
 * }</pre>
 */
public final class T11SleepVsBlocking {
    private T11SleepVsBlocking() {}

    static Coroutine<Void> doSomeWork(int x) {
        return Coroutine.of("do_some_work", () -> {
            print("start", x);
            await(sleep(Duration.ofSeconds(1)));   // suspends only this task
            print("end", x);
            return null;
        });
    }

    // The Python sleeps only UNIT = 0.2 s per task in the blocking variant and prints time in whole UNITs.
    static final double UNIT = 0.2;

    // Python's time.sleep(seconds), which blocks the thread running the loop. On this virtual-time loop the
    // clock moves by the same amount while nothing else runs (a real loop would see Thread.sleep do that).
    static void timeSleep(double seconds) {
        getRunningLoop().advanceVirtualTime(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    static Coroutine<Void> doSomeBlockingWork(int x) {
        return Coroutine.of("do_some_blocking_work", () -> {
            print("start", x);
            timeSleep(UNIT);                       // blocks the loop: no other task can run meanwhile
            print("end", x);
            return null;
        });
    }

    static Coroutine<Double> main(IntFunction<Coroutine<Void>> work) {
        return Coroutine.of("main", () -> {
            EventLoop loop = getRunningLoop();
            double start = loop.time();
            await(gather(IntStream.range(0, 3).mapToObj(work).toList()));
            return loop.time() - start;
        });
    }

    // Debug mode logs every loop step that takes longer than the slow-callback duration (0.1 s).
    static final class SlowCallbackPrinter extends Handler {
        // "Executing <Task finished ... coro=<coroutine object do_some_blocking_work CLOSED>> took 0.200 seconds"
        static final Pattern SLOW = Pattern.compile(
                "Executing <Task .*?coro=<coroutine object (\\w+) .*> took ([0-9.]+) seconds");

        @Override
        public void publish(LogRecord record) {
            String text = String.valueOf(record.getMessage());
            Matcher m = SLOW.matcher(text);
            if (m.matches()) {
                print(String.format("asyncio debug warning: Executing <Task coro=%s()> took %d units",
                        m.group(1), round(Double.parseDouble(m.group(2)) / UNIT)));
            } else {
                print("asyncio log:", record.getLevel());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    // Python: asyncio.run(main, debug=True); here on virtual time too.
    static EventLoop debugLoop() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.setDebug(true);
        return loop;
    }

    /** Prints what {@code seed/11-sleep-vs-blocking.py} prints. */
    public static void main(String[] args) {
        print("-- await asyncio.sleep(1) in 3 tasks: they overlap");
        double elapsed = run(main(T11SleepVsBlocking::doSomeWork), EventLoop::createVirtualTime);
        print("Time: " + round(elapsed));

        Logger asyncioLogger = Logger.getLogger("dev.coflow.aio");
        Handler printer = new SlowCallbackPrinter();
        boolean parents = asyncioLogger.getUseParentHandlers();
        asyncioLogger.addHandler(printer);
        asyncioLogger.setUseParentHandlers(false);
        try {
            print("-- time.sleep(" + UNIT + ") in 3 tasks, debug mode: they run serially");
            elapsed = run(main(T11SleepVsBlocking::doSomeBlockingWork), T11SleepVsBlocking::debugLoop);
            print("Time: " + round(elapsed / UNIT) + " units of " + UNIT + "s");
        } finally {
            // the Python script ends here; the tour goes on to other topics in the same JVM
            asyncioLogger.removeHandler(printer);
            asyncioLogger.setUseParentHandlers(parents);
        }
    }
}
