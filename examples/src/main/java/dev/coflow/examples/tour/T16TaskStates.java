package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.currentTask;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.repr;
import static dev.coflow.examples.tour.Py.state;
import static dev.coflow.examples.tour.Py.str;

import dev.coflow.aio.Aio;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import dev.coflow.aio.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Topic 16, task states (seed: 3. 协程中的状态): asyncio's futures and tasks are {@code PENDING},
 * {@code FINISHED} or {@code CANCELLED}; a task that executes or waits is still {@code PENDING}, and a
 * task that raised is {@code FINISHED}. ({@link Task#state()} also has the seed's {@code RUNNING}, for
 * the moment one of its steps executes: {@link TaskState}.) A thread pool's futures
 * ({@code java.util.concurrent}, Python's {@code concurrent.futures}) do have a running state.
 *
 * <p>Two lines differ from CPython's output (see {@code seed/16-task-states.java.out}): Java's
 * {@code Future.cancel(false)} cancels a task that is already running (Python's refuses), so its result
 * is lost.
 *
 * <pre>{@code
 * Task<String> task = createTask(hello());   // PENDING
 * task.cancel();                             // still PENDING until the CancelledError has propagated
 * }</pre>
 */
public final class T16TaskStates {
    private T16TaskStates() {}

    static void show(String label, Future<?> task) {
        print(String.format("%s: state=%s done=%s cancelled=%s", label, state(task), str(task.done()),
                str(task.cancelled())));
    }

    static Coroutine<String> hello() {
        return Coroutine.of("hello", () -> {
            print("Running in the loop...");
            Task<?> me = Objects.requireNonNull(currentTask());
            show("  while running", me);
            await(sleep(Duration.ofSeconds(1)));
            print("Stop the loop");
            return "hello result";
        });
    }

    // A task that raised is FINISHED too; the exception replaces the result.
    static Coroutine<Void> boom() {
        return Coroutine.of("boom", () -> {
            throw new ValueError("boom");
        });
    }

    static Coroutine<Void> main() {
        return Coroutine.of("main", () -> {
            Task<String> task = createTask(hello());
            show("created (Pending)", task);
            await(sleep(Duration.ZERO));                 // let hello start; it is now suspended in sleep(1)
            show("suspended in await", task);
            await(task);
            show("finished (Done)", task);
            print("result:", task.result());
            print("cancel() on a done task:", task.cancel());

            // Cancelled
            task = createTask(hello());
            await(sleep(Duration.ZERO));
            print("cancel():", task.cancel());
            show("right after cancel()", task);         // still PENDING until CancelledError propagates
            try {
                await(task);
            } catch (CancelledError e) {
                print("awaiting it raised CancelledError");
            }
            show("cancelled", task);
            try {
                task.result();
            } catch (CancelledError e) {
                print("result() raises CancelledError");
            }

            Task<Void> raised = createTask(boom());
            await(Aio.wait(List.of(raised)));
            show("raised", raised);
            print("exception():", repr(raised.exception()));
            return null;
        });
    }

    /** Prints what {@code seed/16-task-states.py} prints (two lines differ, see the class comment). */
    public static void main(String[] args) throws InterruptedException {
        run(main(), EventLoop::createVirtualTime);

        // java.util.concurrent (threads) does have a RUNNING state.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            java.util.concurrent.Future<String> f = pool.submit(() -> {
                started.countDown();
                release.await();
                return "thread result";
            });
            started.await();
            print(String.format("concurrent.futures: running()=%s done()=%s",
                    str(f.state() == java.util.concurrent.Future.State.RUNNING), str(f.isDone())));
            // Java cancels a running task without interrupting it (Python's cancel() refuses): the work
            // still runs to its end, but its result is lost.
            print("cancel() while running:", f.cancel(false));
            release.countDown();
            try {
                print("result:", f.get());
            } catch (CancellationException e) {
                print("result: CancellationException, the work ran on and its result was dropped");
            } catch (ExecutionException e) {
                print("result: failed with", e.getCause());
            }
            print(String.format("concurrent.futures: running()=%s done()=%s",
                    str(f.state() == java.util.concurrent.Future.State.RUNNING), str(f.isDone())));
        }
    }
}
