package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's concurrency sections (13-wait, 14-gather, 15-nested) with the seed's output, on virtual time. */
class SeedConcurrencyTest {

    private final List<String> out = new ArrayList<>();

    private Coroutine<String> doSomeWork(int x) {
        return Coroutine.of("do_some_work", () -> {
            out.add("Waiting:  " + x);
            await(sleep(Duration.ofSeconds(x)));
            return "Done after " + x + "s";
        });
    }

    private List<Task<String>> threeTasks(EventLoop loop) {
        return List.of(loop.createTask(doSomeWork(1)), loop.createTask(doSomeWork(2)),
                loop.createTask(doSomeWork(4)));
    }

    @Test
    void e43_seedWait() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<Task<String>> tasks = threeTasks(loop);
        double start = loop.time();
        WaitResult<Task<String>> r = loop.runUntilComplete(Aio.wait(tasks));
        out.add("Time: " + Math.round(loop.time() - start));
        for (Task<String> task : tasks) {
            out.add("Task ret:  " + task.result());
        }
        out.add("sizes " + r.done().size() + " " + r.pending().size());
        loop.close();
        assertEquals(List.of("Waiting:  1", "Waiting:  2", "Waiting:  4", "Time: 4",
                "Task ret:  Done after 1s", "Task ret:  Done after 2s", "Task ret:  Done after 4s", "sizes 3 0"), out);
    }

    @Test
    void e44_f18_seedWaitRejectsBareCoroutines() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.runUntilComplete(Coroutine.of(() -> {
            List<Coroutine<String>> coros = List.of(doSomeWork(1), doSomeWork(2));
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Future<?>> raw = (List) coros;
            try {
                await(Aio.wait(raw));
            } catch (IllegalArgumentException e) {
                out.add("wait(coroutines): " + e.getMessage());
            }
            coros.forEach(Coroutine::close);
            return null;
        }));
        assertEquals(List.of("wait(coroutines): Passing coroutines is forbidden, use tasks explicitly."), out);
    }

    @Test
    void f13_f15_seedWaitReturnsEarlyWithFirstCompletedOrATimeout() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.runUntilComplete(Coroutine.of(() -> {
            double start = loop.time();
            List<Task<String>> tasks = List.of(Aio.createTask(doSomeWork(1)), Aio.createTask(doSomeWork(2)),
                    Aio.createTask(doSomeWork(4)));
            WaitResult<Task<String>> r = await(Aio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
            out.add("FIRST_COMPLETED at Time " + Math.round(loop.time() - start) + ": done " + results(r.done())
                    + " pending " + r.pending().size());
            r = await(Aio.wait(r.pending(), ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(2)));
            out.add("timeout=2 at Time " + Math.round(loop.time() - start) + ": done " + results(r.done())
                    + " pending " + r.pending().size());
            r = await(Aio.wait(r.pending()));
            out.add("ALL_COMPLETED at Time " + Math.round(loop.time() - start) + ": done " + results(r.done())
                    + " pending " + r.pending().size());
            return null;
        }));
        assertEquals(List.of("Waiting:  1", "Waiting:  2", "Waiting:  4",
                "FIRST_COMPLETED at Time 1: done [Done after 1s] pending 2",
                "timeout=2 at Time 3: done [Done after 2s] pending 1",
                "ALL_COMPLETED at Time 4: done [Done after 4s] pending 0"), out);
    }

    private static List<String> results(java.util.Collection<Task<String>> tasks) {
        return tasks.stream().map(Task::result).sorted().toList();
    }

    @Test
    void e43_seedGather() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<Task<String>> tasks = threeTasks(loop);
        double start = loop.time();
        List<String> results = loop.runUntilComplete(gather(tasks.toArray()));
        out.add("Time: " + Math.round(loop.time() - start));
        for (Task<String> task : tasks) {
            out.add("Task ret:  " + task.result());
        }
        out.add("gather returned a list: " + results);
        loop.close();
        assertEquals(List.of("Waiting:  1", "Waiting:  2", "Waiting:  4", "Time: 4",
                "Task ret:  Done after 1s", "Task ret:  Done after 2s", "Task ret:  Done after 4s",
                "gather returned a list: [Done after 1s, Done after 2s, Done after 4s]"), out);
    }

    @Test
    void f1_f7_seedGatherVersusWait() {
        Aio.run(Coroutine.of(() -> {
            List<String> r = await(gather(doSomeWork(2), doSomeWork(1)));
            out.add(r.toString());
            Coroutine<String> fail = Coroutine.of(() -> {
                await(sleep(Duration.ofSeconds(1)));
                throw new IllegalArgumentException("failed after 1s");
            });
            try {
                await(gather(doSomeWork(1), fail));
            } catch (IllegalArgumentException e) {
                out.add("gather raised ValueError: " + e.getMessage());
            }
            Coroutine<String> fail2 = Coroutine.of(() -> {
                await(sleep(Duration.ofSeconds(1)));
                throw new IllegalArgumentException("failed after 1s");
            });
            out.add(await(Aio.gatherReturnExceptions(doSomeWork(1), fail2)).toString());
            return null;
        }), EventLoop::createVirtualTime);
        assertEquals(List.of("Waiting:  2", "Waiting:  1", "[Done after 2s, Done after 1s]",
                "Waiting:  1", "gather raised ValueError: failed after 1s",
                "Waiting:  1", "[Done after 1s, java.lang.IllegalArgumentException: failed after 1s]"), out);
    }

    /** Seed 15: nested coroutines; the outer awaits wait / gather / as_completed, on virtual time. */
    @Test
    void e45_seedNestedCoroutines() {
        timed("await asyncio.wait(tasks)", () -> {
            WaitResult<Task<String>> r = await(Aio.wait(makeTasks()));
            results(r.done()).forEach(s -> out.add("Task ret:  " + s));
            return null;
        });
        timed("await asyncio.gather(*tasks)", () -> {
            List<String> results = await(gather(makeTasks()));
            results.forEach(s -> out.add("Task ret:  " + s));
            return null;
        });
        List<String> returned = timed("return await asyncio.gather(*tasks)", () -> await(gather(makeTasks())));
        returned.forEach(s -> out.add("Task ret:  " + s));
        WaitResult<Task<String>> w = timed("return await asyncio.wait(tasks)", () -> await(Aio.wait(makeTasks())));
        results(w.done()).forEach(s -> out.add("Task ret:  " + s));
        timed("asyncio.as_completed(tasks)", () -> {
            for (Coroutine<String> c : Aio.<String>asCompleted(makeTasks())) {
                out.add("Task ret: " + await(c));
            }
            return null;
        });
        timed("order: as_completed vs gather", () -> {
            List<Task<String>> tasks = List.of(Aio.createTask(doSomeWork(2)), Aio.createTask(doSomeWork(1)));
            for (Coroutine<String> c : Aio.<String>asCompleted(tasks)) {
                out.add("as_completed -> " + await(c));
            }
            out.add("gather -> " + await(gather(tasks)));
            return null;
        });
        List<String> expected = new ArrayList<>();
        for (String section : List.of("await asyncio.wait(tasks)", "await asyncio.gather(*tasks)")) {
            expected.addAll(List.of("-- " + section, "Waiting:  1", "Waiting:  2", "Waiting:  4",
                    "Task ret:  Done after 1s", "Task ret:  Done after 2s", "Task ret:  Done after 4s", "Time: 4"));
        }
        for (String section : List.of("return await asyncio.gather(*tasks)", "return await asyncio.wait(tasks)")) {
            expected.addAll(List.of("-- " + section, "Waiting:  1", "Waiting:  2", "Waiting:  4", "Time: 4",
                    "Task ret:  Done after 1s", "Task ret:  Done after 2s", "Task ret:  Done after 4s"));
        }
        expected.addAll(List.of("-- asyncio.as_completed(tasks)", "Waiting:  1", "Waiting:  2", "Waiting:  4",
                "Task ret: Done after 1s", "Task ret: Done after 2s", "Task ret: Done after 4s", "Time: 4"));
        expected.addAll(List.of("-- order: as_completed vs gather", "Waiting:  2", "Waiting:  1",
                "as_completed -> Done after 1s", "as_completed -> Done after 2s",
                "gather -> [Done after 2s, Done after 1s]", "Time: 2"));
        assertEquals(expected, out);
    }

    private List<Task<String>> makeTasks() {
        return List.of(Aio.createTask(doSomeWork(1)), Aio.createTask(doSomeWork(2)), Aio.createTask(doSomeWork(4)));
    }

    private <T> T timed(String label, CoroutineBody<T> main) {
        out.add("-- " + label);
        EventLoop loop = EventLoop.createVirtualTime();
        double start = loop.time();
        T ret = loop.runUntilComplete(Coroutine.of(main));
        out.add("Time: " + Math.round(loop.time() - start));
        loop.close();
        return ret;
    }

    @Test
    void seedManyCoroutinesOnOneThread() {
        EventLoop loop = EventLoop.createVirtualTime();
        List<Coroutine<Integer>> coros = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            coros.add(Coroutine.of(() -> {
                await(sleep(Duration.ofSeconds(1)));
                return n;
            }));
        }
        List<Integer> r = loop.runUntilComplete(Coroutine.of(() -> await(gather(coros))));
        assertEquals(5_000, r.size());
        assertEquals(4_999, r.get(4_999));
        assertEquals(1.0, loop.time());
        assertTrue(loop.allTasks().isEmpty());
        loop.close();
    }
}
