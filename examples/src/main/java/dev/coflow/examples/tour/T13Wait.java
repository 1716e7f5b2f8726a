package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.getRunningLoop;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;
import static dev.coflow.examples.tour.Py.str;
import static dev.coflow.examples.tour.Py.typeName;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.ReturnWhen;
import dev.coflow.aio.Task;
import dev.coflow.aio.WaitResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Topic 13, concurrency with {@link Aio#wait} (seed: 1. 协程中的并发, asyncio.wait): three tasks sleeping
 * 1, 2 and 4 seconds finish after 4, not 7; {@code wait} returns the done and pending sets, needs tasks
 * (not bare coroutines), and can return early ({@link ReturnWhen#FIRST_COMPLETED}, a timeout) without
 * cancelling anything. Virtual time: the seconds pass at once.
 *
 * <pre>{@code
 * WaitResult<Task<String>> r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
 * r.done(); r.pending();
 * }</pre>
 */
public final class T13Wait {
    private T13Wait() {}

    // coroutine function
    static Coroutine<String> doSomeWork(int x) {
        return Coroutine.of("do_some_work", () -> {
            print("Waiting: ", x);
            await(sleep(Duration.ofSeconds(x)));
            return "Done after " + x + "s";
        });
    }

    // sorted(t.result() for t in done): a set has no useful order
    static List<String> sortedResults(Collection<? extends Future<String>> done) {
        return done.stream().map(Future::result).sorted().toList();
    }

    // Bare coroutines are rejected by wait() (the seed wraps them, which is why it works).
    @SuppressWarnings("unchecked") // on purpose: Java's types already forbid this; the cast shows the run-time check
    static Coroutine<Void> bare() {
        return Coroutine.of("bare", () -> {
            List<Coroutine<String>> coros = List.of(doSomeWork(1), doSomeWork(2));
            try {
                await(Aio.wait((List<Task<String>>) (List<?>) coros));
            } catch (IllegalArgumentException typeError) {
                print("wait(coroutines): TypeError:", typeError.getMessage());
            }
            for (Coroutine<String> c : coros) {
                c.close();   // never started; close to avoid "never awaited" warnings
            }
            return null;
        });
    }

    // wait() can return early: FIRST_COMPLETED or a timeout. It never cancels what is still pending.
    static Coroutine<Void> main() {
        return Coroutine.of("main", () -> {
            EventLoop loop = getRunningLoop();
            double start = loop.time();
            List<Task<String>> tasks = Stream.of(1, 2, 4).map(x -> createTask(doSomeWork(x))).toList();
            WaitResult<Task<String>> r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
            print(String.format("FIRST_COMPLETED at Time %d: done %s pending %d",
                    round(loop.time() - start), str(sortedResults(r.done())), r.pending().size()));
            r = await(Aio.wait(r.pending(), ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(2)));
            print(String.format("timeout=2 at Time %d: done %s pending %d",
                    round(loop.time() - start), str(sortedResults(r.done())), r.pending().size()));
            r = await(Aio.wait(r.pending()));
            print(String.format("ALL_COMPLETED at Time %d: done %s pending %d",
                    round(loop.time() - start), str(sortedResults(r.done())), r.pending().size()));
            return null;
        });
    }

    /** Prints what {@code seed/13-wait.py} prints. */
    public static void main(String[] args) {
        EventLoop loop = EventLoop.createVirtualTime();   // Python: asyncio.new_event_loop()

        // coroutine objects
        Coroutine<String> coroutine1 = doSomeWork(1);
        Coroutine<String> coroutine2 = doSomeWork(2);
        Coroutine<String> coroutine3 = doSomeWork(4);

        // turn the coroutines into tasks, in a list
        List<Task<String>> tasks = List.of(
                loop.createTask(coroutine1),     // the seed: asyncio.ensure_future(coroutine1)
                loop.createTask(coroutine2),
                loop.createTask(coroutine3));

        double start = loop.time();
        WaitResult<Task<String>> r = loop.runUntilComplete(Aio.wait(tasks));
        print("Time: " + round(loop.time() - start));   // max(1, 2, 4), not the sum

        for (Task<String> task : tasks) {
            print("Task ret: ", task.result());
        }

        print(String.format("wait returned sets: %s %s, sizes %d %d",
                typeName(r.done()), typeName(r.pending()), r.done().size(), r.pending().size()));
        // a set has no useful order: sort the results
        print("sorted done results:", sortedResults(r.done()));
        loop.close();

        run(bare(), EventLoop::createVirtualTime);
        run(main(), EventLoop::createVirtualTime);
    }
}
