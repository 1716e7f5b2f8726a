package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md F34–F37 (TaskGroup) and F45–F46. Traces from CPython 3.11.7. */
class TaskGroupTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private Coroutine<String> work(int seconds, String name, RuntimeException exc) {
        return Coroutine.of(() -> {
            try {
                await(sleep(Duration.ofSeconds(seconds)));
                if (exc != null) {
                    throw exc;
                }
                log.add(name + " done");
                return name;
            } catch (CancelledError e) {
                log.add(name + " cancelled");
                throw e;
            }
        });
    }

    @Test
    void f34_theGroupWaitsForAllItsTasks() {
        List<Task<String>> tasks = run(() -> TaskGroup.run(tg -> {
            List<Task<String>> ts = List.of(tg.createTask(work(1, "a", null)), tg.createTask(work(2, "b", null)));
            log.add("body end");
            return ts;
        }));
        assertEquals(List.of("body end", "a done", "b done"), log);
        assertEquals(List.of("a", "b"), tasks.stream().map(Task::result).toList());
        assertEquals(2.0, loop.time());
    }

    @Test
    void f35_theFirstFailureCancelsTheSiblingsAndTheBody() {
        IllegalArgumentException v = new IllegalArgumentException("v");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> run(() -> TaskGroup.run(tg -> {
            tg.createTask(work(1, "fail", v));
            tg.createTask(work(5, "sib", null));
            try {
                await(sleep(Duration.ofSeconds(10)));
            } catch (CancelledError e) {
                log.add("body cancelled");
                throw e;
            }
            return null;
        })));
        assertEquals(List.of("sib cancelled", "body cancelled"), log);
        assertEquals(List.of(v), eg.exceptions());
        assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", eg.getMessage());
        assertEquals(0, loop.runUntilComplete(Coroutine.of(() -> Aio.currentTask().cancelling())));
    }

    @Test
    void f36_failuresAreCollectedWithoutTheCancellationsAndABodyErrorIsGroupedToo() {
        IllegalArgumentException one = new IllegalArgumentException("1");
        IllegalStateException two = new IllegalStateException("2");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> run(() -> TaskGroup.run(tg -> {
            tg.createTask(work(1, "f1", one));
            tg.createTask(work(1, "f2", two));
            tg.createTask(work(5, "sib", null));
            return null;
        })));
        assertEquals(List.of(one, two), eg.exceptions());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", eg.getMessage());
        assertEquals(List.of("sib cancelled"), log);

        IllegalArgumentException body = new IllegalArgumentException("body");
        TaskGroup[] group = new TaskGroup[1];
        ExceptionGroup fromBody = assertThrows(ExceptionGroup.class, () -> run(() -> TaskGroup.run(tg -> {
            group[0] = tg;
            tg.createTask(work(1, "x", null));
            throw body;
        })));
        assertEquals(List.of(body), fromBody.exceptions());
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> group[0].createTask(work(1, "late", null)));
        assertEquals("TaskGroup <TaskGroup cancelling> is finished", late.getMessage());
    }

    @Test
    void f37_externalCancellationOfTheTaskRunningTheGroupPropagates() {
        run(() -> {
            Task<Object> runner = Aio.createTask(Coroutine.of(() -> TaskGroup.run(tg -> {
                tg.createTask(work(5, "child", null));
                await(sleep(Duration.ofSeconds(10)));
                return null;
            })));
            await(sleep(Duration.ZERO));
            await(sleep(Duration.ZERO));
            runner.cancel();
            assertThrows(CancelledError.class, () -> await(runner));
            assertTrue(runner.cancelled());
            return null;
        });
        assertEquals(List.of("child cancelled"), log);
    }

    @Test
    void taskGroupOutsideATaskFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGroup.run(tg -> null));
        assertEquals("no running event loop", e.getMessage());
    }

    @Test
    void f45_f46_readAwaitWriteRacesButNoAwaitBetweenIsAtomic() {
        int[] counter = {0};
        run(() -> {
            List<Coroutine<Object>> racy = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                racy.add(Coroutine.of(() -> {
                    int v = counter[0];
                    await(sleep(Duration.ZERO));
                    counter[0] = v + 1;
                    return null;
                }));
            }
            await(gather(racy));
            return null;
        });
        assertEquals(1, counter[0]);
        counter[0] = 0;
        run(() -> {
            List<Coroutine<Object>> atomic = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                atomic.add(Coroutine.of(() -> {
                    int v = counter[0];
                    counter[0] = v + 1;
                    await(sleep(Duration.ZERO));
                    return null;
                }));
            }
            await(gather(atomic));
            return null;
        });
        assertEquals(100, counter[0]);
    }
}
