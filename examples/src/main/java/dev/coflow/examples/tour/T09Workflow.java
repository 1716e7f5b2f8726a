package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.currentTask;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.state;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import java.util.Objects;

/**
 * Topic 09, the asyncio concepts and the four-step workflow (seed: 2. asyncio的几个概念 / 3.
 * 学习协程是如何工作的): create the coroutine, get an event loop, wrap the coroutine in a {@link Task}, run
 * the loop until the task is complete; a plain {@link Future}; and the one-line {@link Aio#run}. The
 * seed's {@code asyncio.get_event_loop()} is avoided, and Coflow has none.
 *
 * <p>One line differs from CPython's output (see {@code seed/09-workflow.java.out}): Coflow has no
 * {@code get_event_loop()}; {@link Aio#getRunningLoop()} fails outside a loop.
 *
 * <pre>{@code
 * Coroutine<Void> coroutine = hello("World");        // 1. nothing runs yet
 * EventLoop loop = EventLoop.create();               // 2.
 * Task<Void> task = loop.createTask(coroutine);      // 3.
 * loop.runUntilComplete(task);                       // 4.
 * }</pre>
 */
public final class T09Workflow {
    private T09Workflow() {}

    static Coroutine<Void> hello(String name) {
        return Coroutine.of("hello", () -> {
            print("Hello,", name);
            print("  inside hello: task state", state(Objects.requireNonNull(currentTask())));
            return null;
        });
    }

    // The modern one-liner: Aio.run creates the loop, runs main as a task, closes the loop.
    static Coroutine<Void> main() {
        return Coroutine.of("main", () -> {
            Task<Void> task = createTask(hello("asyncio.run"));
            print("main: task state before await", state(task));
            await(task);
            print("main: task state after await", state(task));
            return null;
        });
    }

    /** Prints what {@code seed/09-workflow.py} prints (one line differs, see the class comment). */
    public static void main(String[] args) {
        // 1. create the coroutine object (nothing runs yet)
        Coroutine<Void> coroutine = hello("World");

        // 2. get an event loop
        EventLoop loop = EventLoop.create();

        // 3. wrap the coroutine in a task (Aio.ensureFuture(coroutine, loop) also works)
        Task<Void> task = loop.createTask(coroutine);
        print(String.format("task created: state=%s done=%s cancelled=%s",
                state(task), str(task.done()), str(task.cancelled())));
        print("is a Future:", isFuture(task));

        // 4. run the loop until the task is complete
        loop.runUntilComplete(task);
        print(String.format("task run: state=%s done=%s cancelled=%s result=%s",
                state(task), str(task.done()), str(task.cancelled()), str(task.result())));
        loop.close();

        // A plain Future: a result that somebody sets later; it has no coroutine.
        EventLoop loop2 = EventLoop.create();
        Future<String> fut = loop2.createFuture();
        print(String.format("future: state=%s done=%s", state(fut), str(fut.done())));
        loop2.callSoon(() -> fut.setResult("set by a callback"));
        print("run_until_complete(fut) ->", loop2.runUntilComplete(fut));
        print(String.format("future: state=%s done=%s", state(fut), str(fut.done())));
        loop2.close();

        run(main());

        // Python's get_event_loop() is avoided (it warns or fails in newer Pythons when no loop is set);
        // Coflow has only getRunningLoop(), and after run() there is no running loop.
        try {
            Aio.getRunningLoop();
        } catch (IllegalStateException e) {
            print("Aio.getRunningLoop() after Aio.run(): IllegalStateException:", e.getMessage());
        }
    }

    // isinstance(task, asyncio.Future)
    static boolean isFuture(Object o) {
        return o instanceof Future<?>;
    }
}
