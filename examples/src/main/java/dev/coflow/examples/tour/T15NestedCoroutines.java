package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.currentTask;
import static dev.coflow.aio.Aio.ensureFuture;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import dev.coflow.aio.WaitResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Topic 15, nested coroutines (seed: 2. 协程中的嵌套): an outer coroutine awaits inner ones through
 * {@link Aio#wait}, {@link Aio#gather} or {@link Aio#asCompleted}, and may hand their results back to its
 * caller. A nested {@code await} runs inside the same task. Virtual time: the seconds pass at once.
 *
 * <pre>{@code
 * for (Coroutine<String> next : asCompleted(tasks)) print(await(next));   // completion order
 * }</pre>
 */
public final class T15NestedCoroutines {
    private T15NestedCoroutines() {}

    // inner coroutine function
    static Coroutine<String> doSomeWork(int x) {
        return Coroutine.of("do_some_work", () -> {
            print("Waiting: ", x);
            await(sleep(Duration.ofSeconds(x)));
            return "Done after " + x + "s";
        });
    }

    static List<Future<String>> makeTasks() {
        // create three coroutine objects and turn them into tasks
        Coroutine<String> coroutine1 = doSomeWork(1);
        Coroutine<String> coroutine2 = doSomeWork(2);
        Coroutine<String> coroutine3 = doSomeWork(4);
        return List.of(
                ensureFuture(coroutine1),
                ensureFuture(coroutine2),
                ensureFuture(coroutine3));
    }

    static <T> T timed(String label, Supplier<Coroutine<T>> main) {
        print("--", label);
        EventLoop loop = EventLoop.createVirtualTime();   // Python: asyncio.new_event_loop()
        double start = loop.time();
        T ret = loop.runUntilComplete(main.get());
        print("Time: " + round(loop.time() - start));
        loop.close();
        return ret;
    }

    static List<String> sortedResults(Collection<? extends Future<String>> done) {
        return done.stream().map(Future::result).sorted().toList();
    }

    // 1. await Aio.wait inside; done = finished tasks, pending = unfinished tasks
    static Coroutine<Void> mainWait() {
        return Coroutine.of("main_wait", () -> {
            List<Future<String>> tasks = makeTasks();
            WaitResult<Future<String>> r = await(Aio.wait(tasks));
            for (String result : sortedResults(r.done())) {
                print("Task ret: ", result);
            }
            return null;
        });
    }

    // 2. await gather inside
    static Coroutine<Void> mainGather() {
        return Coroutine.of("main_gather", () -> {
            List<Future<String>> tasks = makeTasks();
            List<String> results = await(gather(tasks));
            for (String result : results) {
                print("Task ret: ", result);
            }
            return null;
        });
    }

    // 3. return the gather's results to the caller
    static Coroutine<List<String>> mainReturnGather() {
        return Coroutine.of("main_return_gather", () -> {
            List<Future<String>> tasks = makeTasks();
            return await(gather(tasks));
        });
    }

    // 4. return the wait's (done, pending) to the caller
    static Coroutine<WaitResult<Future<String>>> mainReturnWait() {
        return Coroutine.of("main_return_wait", () -> {
            List<Future<String>> tasks = makeTasks();
            return await(Aio.wait(tasks));
        });
    }

    // 5. asCompleted: results in completion order
    static Coroutine<Void> mainAsCompleted() {
        return Coroutine.of("main_as_completed", () -> {
            List<Future<String>> tasks = makeTasks();
            for (Coroutine<String> task : Aio.<String>asCompleted(tasks)) {
                String result = await(task);
                print("Task ret: " + result);
            }
            return null;
        });
    }

    // 6. completion order differs from argument order: asCompleted follows completion, gather the arguments
    static Coroutine<Void> mainOrder() {
        return Coroutine.of("main_order", () -> {
            List<Future<String>> tasks = Stream.of(2, 1).<Future<String>>map(x -> ensureFuture(doSomeWork(x))).toList();
            for (Coroutine<String> aw : Aio.<String>asCompleted(tasks)) {
                print("as_completed ->", await(aw));
            }
            print("gather ->", await(gather(tasks)));
            return null;
        });
    }

    // An await chain runs inside one task: the nested coroutine sees the same currentTask().
    static Coroutine<@Nullable Task<?>> inner() {
        return Coroutine.of("inner", () -> currentTask());
    }

    static Coroutine<Boolean> outer() {
        return Coroutine.of("outer", () -> currentTask() == await(inner()));
    }

    /** Prints what {@code seed/15-nested-coroutines.py} prints. */
    public static void main(String[] args) {
        timed("await asyncio.wait(tasks)", T15NestedCoroutines::mainWait);

        timed("await asyncio.gather(*tasks)", T15NestedCoroutines::mainGather);

        List<String> results = timed("return await asyncio.gather(*tasks)", T15NestedCoroutines::mainReturnGather);
        for (String result : results) {
            print("Task ret: ", result);
        }

        WaitResult<Future<String>> r = timed("return await asyncio.wait(tasks)", T15NestedCoroutines::mainReturnWait);
        for (String result : sortedResults(r.done())) {
            print("Task ret: ", result);
        }

        timed("asyncio.as_completed(tasks)", T15NestedCoroutines::mainAsCompleted);

        timed("order: as_completed vs gather", T15NestedCoroutines::mainOrder);

        print("nested await runs in the same task:", run(outer()));
    }
}
