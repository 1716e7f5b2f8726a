package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.gatherReturnExceptions;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.repr;
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
 * Topic 14, concurrency with {@link Aio#gather} and how it differs from {@link Aio#wait} (seed: 1.
 * 协程中的并发, asyncio.gather): gather takes bare coroutines, returns the results in argument order,
 * raises the first exception (or returns it, {@link Aio#gatherReturnExceptions}), and always waits for
 * all; wait returns sets, never raises, and can stop early. Virtual time: the seconds pass at once.
 *
 * <pre>{@code
 * List<String> results = await(gather(doSomeWork(2), doSomeWork(1)));   // argument order
 * }</pre>
 */
public final class T14Gather {
    private T14Gather() {}

    static Coroutine<String> doSomeWork(int x) {
        return Coroutine.of("do_some_work", () -> {
            print("Waiting: ", x);
            await(sleep(Duration.ofSeconds(x)));
            return "Done after " + x + "s";
        });
    }

    static Coroutine<String> fail(int x) {
        return Coroutine.of("fail", () -> {
            await(sleep(Duration.ofSeconds(x)));
            throw new ValueError("failed after " + x + "s");
        });
    }

    static List<String> sortedResults(Collection<? extends Future<String>> done) {
        return done.stream().map(Future::result).sorted().toList();
    }

    // Differences between gather and wait.
    static Coroutine<Void> main() {
        return Coroutine.of("main", () -> {
            // 1. gather accepts bare coroutines; wait needs tasks.
            print(await(gather(doSomeWork(2), doSomeWork(1))));

            // 2. gather's results are in argument order, whatever the completion order;
            //    wait returns (done, pending) sets with no order.
            List<Task<String>> tasks = Stream.of(2, 1).map(x -> createTask(doSomeWork(x))).toList();
            WaitResult<Task<String>> r = await(Aio.wait(tasks));
            print(String.format("wait: done is a %s, pending is a %s of size %d",
                    typeName(r.done()), typeName(r.pending()), r.pending().size()));
            print("wait results, sorted:", sortedResults(r.done()));

            // 3. An exception: gather raises the first one (or returns it with gatherReturnExceptions);
            //    wait never raises, the exception stays in the task.
            try {
                await(gather(doSomeWork(1), fail(1)));
            } catch (ValueError e) {
                print("gather raised ValueError:", e.getMessage());
            }
            print(await(gatherReturnExceptions(doSomeWork(1), fail(1))));
            Task<String> t = createTask(fail(1));
            await(Aio.wait(List.of(t)));
            print("wait did not raise; task.exception():", repr(t.exception()));

            // 4. wait can stop early (return_when, timeout); gather always waits for all.
            tasks = Stream.of(1, 2).map(x -> createTask(doSomeWork(x))).toList();
            r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
            print(String.format("FIRST_COMPLETED: %d done, %d pending", r.done().size(), r.pending().size()));
            await(Aio.wait(r.pending()));
            return null;
        });
    }

    /** Prints what {@code seed/14-gather.py} prints. */
    public static void main(String[] args) {
        EventLoop loop = EventLoop.createVirtualTime();   // Python: asyncio.new_event_loop()
        Coroutine<String> coroutine1 = doSomeWork(1);
        Coroutine<String> coroutine2 = doSomeWork(2);
        Coroutine<String> coroutine3 = doSomeWork(4);
        List<Task<String>> tasks = List.of(
                loop.createTask(coroutine1),
                loop.createTask(coroutine2),
                loop.createTask(coroutine3));
        double start = loop.time();
        // Python: gather(*tasks), the awaitables as separate arguments; Java takes the list as well
        List<String> results = loop.runUntilComplete(gather(tasks));
        print("Time: " + round(loop.time() - start));
        for (Task<String> task : tasks) {
            print("Task ret: ", task.result());
        }
        print(String.format("gather returned a %s: %s", typeName(results), str(results)));
        loop.close();

        run(main(), EventLoop::createVirtualTime);
    }
}
