package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.ensureFuture;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.InvalidStateError;
import dev.coflow.aio.Task;
import java.time.Duration;

/**
 * Topic 12, results and callbacks (seed: 5. 绑定回调函数): {@link Future#result()} once the task is done,
 * and {@link Future#addDoneCallback}, whose callbacks the loop calls with the finished future, in
 * registration order. The loops run on virtual time: the seconds of {@code sleep} pass at once.
 *
 * <pre>{@code
 * task.addDoneCallback(T12Callbacks::callback);            // callback(future)
 * task.addDoneCallback(f -> callbackWithTag("two", f));   // functools.partial(callback_with_tag, 'two')
 * }</pre>
 */
public final class T12Callbacks {
    private T12Callbacks() {}

    static Coroutine<String> _sleep(int x) {
        return Coroutine.of("_sleep", () -> {
            await(sleep(Duration.ofSeconds(x)));         // the seed: time.sleep(2), which blocks the loop
            return "Slept for " + x + " seconds!";       // the seed: '暂停了{}秒！'
        });
    }

    static void callback(Future<String> future) {
        print("Callback: the result is", future.result());
    }

    static void callbackWithTag(String tag, Future<?> future) {
        print(String.format("Callback %s: done=%s cancelled=%s", tag, str(future.done()), str(future.cancelled())));
    }

    // The same with Aio.run.
    static Coroutine<Void> main() {
        return Coroutine.of("main", () -> {
            Task<String> task = createTask(_sleep(1));
            task.addDoneCallback(T12Callbacks::callback);
            String result = await(task);
            print("main awaited:", result);
            return null;
        });
    }

    /** Prints what {@code seed/12-callbacks.py} prints. */
    public static void main(String[] args) {
        // 1. The synchronous style: run the task, then ask it for its result.
        EventLoop loop = EventLoop.createVirtualTime();   // Python: asyncio.new_event_loop()
        Coroutine<String> coroutine = _sleep(2);
        Future<String> task = ensureFuture(coroutine, loop);
        try {
            task.result();
        } catch (InvalidStateError e) {
            print("result() before the task is done: InvalidStateError:", e.getMessage());
        }
        double start = loop.time();
        loop.runUntilComplete(task);
        print("Time: " + round(loop.time() - start));
        // task.result() gives the return value
        print("Result: " + task.result());

        // 2. The callback style: the loop calls callback(task) once the task is done.
        coroutine = _sleep(2);
        task = ensureFuture(coroutine, loop);
        task.addDoneCallback(T12Callbacks::callback);
        // extra arguments go through a lambda (Python: functools.partial); callbacks run in registration order
        task.addDoneCallback(f -> callbackWithTag("two", f));
        loop.runUntilComplete(task);
        print("run_until_complete returned after the callbacks ran");
        loop.close();

        run(main(), EventLoop::createVirtualTime);
    }
}
