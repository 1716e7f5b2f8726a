package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** F38, F39 and cancellation consistency of {@link AsyncQueue}; expected traces come from CPython 3.11. */
class AsyncQueueTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void run(CoroutineBody<?> body) {
        loop.runUntilComplete(Coroutine.of(body));
    }

    private static void tick() {
        await(sleep(Duration.ZERO));
    }

    @Test
    void f38_putWaitsWhileFullAndGetDoesNotSuspendWhileItemsAreThere() {
        AsyncQueue<Integer> q = new AsyncQueue<>(2);
        run(() -> {
            Task<?> producer = createTask(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    await(q.put(i));
                    log.add("put " + i + " done");
                }
                return null;
            }));
            tick();
            Task<?> consumer = createTask(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("got " + await(q.get()));
                }
                return null;
            }));
            await(producer);
            await(consumer);
            return null;
        });
        assertEquals(List.of("put 0 done", "put 1 done", "got 0", "got 1", "put 2 done", "got 2"), log);
    }

    @Test
    void f39_nowaitErrorsAndTaskDoneTooManyTimes() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        assertThrows(QueueEmpty.class, q::getNowait);
        q.putNowait(1);
        QueueFull full = assertThrows(QueueFull.class, () -> q.putNowait(2));
        assertEquals("the queue is full (maxsize=1): await put(item) to wait for room", full.getMessage());
        assertEquals(1, q.getNowait());
        q.taskDone();
        IllegalStateException tooMany = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", tooMany.getMessage());
    }

    @Test
    void f39_priorityAndLifoOrders() {
        AsyncPriorityQueue<Integer> pq = new AsyncPriorityQueue<>();
        AsyncLifoQueue<Integer> lq = new AsyncLifoQueue<>();
        for (int x : new int[] {2, 1, 3}) {
            pq.putNowait(x);
        }
        for (int x : new int[] {3, 1, 2}) {
            lq.putNowait(x);
        }
        List<Integer> fromPq = new ArrayList<>();
        List<Integer> fromLq = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fromPq.add(pq.getNowait());
            fromLq.add(lq.getNowait());
        }
        assertEquals(List.of(1, 2, 3), fromPq);
        assertEquals(List.of(2, 1, 3), fromLq);
    }

    @Test
    void f39_priorityQueueTakesAComparatorAndRefusesNull() {
        AsyncPriorityQueue<String> pq = new AsyncPriorityQueue<>(0, Comparator.comparing(String::length));
        pq.putNowait("ccc");
        pq.putNowait("a");
        pq.putNowait("bb");
        assertEquals("a", pq.getNowait());
        assertEquals("bb", pq.getNowait());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> pq.putNowait(null));
        assertTrue(npe.getMessage().startsWith("AsyncPriorityQueue does not accept null items"), npe.getMessage());
    }

    @Test
    void f39_joinWaitsForTaskDoneOfEveryItem() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        run(() -> {
            for (int v : new int[] {3, 1, 2}) {
                q.putNowait(v);
            }
            List<Task<?>> workers = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                int id = n;
                workers.add(createTask(Coroutine.of(() -> {
                    for (;;) {
                        int v = await(q.get());
                        await(sleep(Duration.ofSeconds(v)));
                        log.add("w" + id + " done " + v);
                        q.taskDone();
                    }
                })));
            }
            await(q.join());
            log.add("joined at " + loop.time());
            workers.forEach(Task::cancel);
            return null;
        });
        assertEquals(List.of("w1 done 1", "w0 done 3", "w1 done 2", "joined at 3.0"), log);
        assertEquals(0, q.qsize());
        assertTrue(q.empty());
        assertFalse(q.full());
    }

    @Test
    void joinReturnsAtOnceWhenNothingIsUnfinished() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        run(() -> {
            await(q.join());
            q.putNowait(1);
            q.getNowait();
            q.taskDone();
            await(q.join());
            log.add("joined at " + loop.time());
            return null;
        });
        assertEquals(List.of("joined at 0.0"), log);
    }

    @Test
    void sizeQueriesAndUnboundedQueueIsNeverFull() {
        AsyncQueue<String> bounded = new AsyncQueue<>(2);
        AsyncQueue<String> unbounded = new AsyncQueue<>(-1);
        assertEquals(2, bounded.maxsize());
        assertTrue(bounded.empty());
        bounded.putNowait("a");
        bounded.putNowait("b");
        assertTrue(bounded.full());
        assertEquals(2, bounded.qsize());
        assertEquals("<AsyncQueue maxsize=2 _queue=[a, b] tasks=2>", bounded.toString());
        for (int i = 0; i < 1000; i++) {
            unbounded.putNowait("x");
        }
        assertFalse(unbounded.full());
    }

    @Test
    void nullIsAValidItemAsPythonsNoneEndMarker() {
        AsyncQueue<String> q = new AsyncQueue<>();
        AsyncLifoQueue<String> lifo = new AsyncLifoQueue<>();
        run(() -> {
            Task<?> consumer = createTask(Coroutine.of(() -> {
                String item;
                while ((item = await(q.get())) != null) {
                    log.add(item);
                }
                log.add("end");
                return null;
            }));
            await(q.put("a"));
            await(q.put(null));
            await(consumer);
            return null;
        });
        lifo.putNowait(null);
        lifo.putNowait("top");
        assertEquals("top", lifo.getNowait());
        assertNull(lifo.getNowait());
        assertEquals(List.of("a", "end"), log);
    }

    @Test
    void gettersAreWokenInFifoOrder() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(() -> {
            List<Task<?>> getters = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                int id = n;
                getters.add(createTask(Coroutine.of(() -> {
                    log.add("g" + id + " got " + await(q.get()));
                    return null;
                })));
            }
            tick();
            q.putNowait("a");
            q.putNowait("b");
            q.putNowait("c");
            for (Task<?> t : getters) {
                await(t);
            }
            return null;
        });
        assertEquals(List.of("g0 got a", "g1 got b", "g2 got c"), log);
    }

    /** CPython: ['g1 cancelled', 'g2 got x', 'qsize 0']. */
    @Test
    void aGetterCancelledAfterItsWakeupDoesNotLoseTheItem() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(() -> {
            Task<?> g1 = createTask(getterLogging(q, 1));
            Task<?> g2 = createTask(getterLogging(q, 2));
            tick();
            q.putNowait("x");
            g1.cancel();
            tick();
            tick();
            tick();
            log.add("qsize " + q.qsize());
            assertTrue(g1.cancelled());
            assertTrue(g2.done());
            return null;
        });
        assertEquals(List.of("g1 cancelled", "g2 got x", "qsize 0"), log);
    }

    @Test
    void aGetterCancelledWhileWaitingLeavesTheQueueUsable() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(() -> {
            Task<?> g1 = createTask(getterLogging(q, 1));
            tick();
            g1.cancel();
            tick();
            assertEquals("<AsyncQueue maxsize=0>", q.toString());
            Task<?> g2 = createTask(getterLogging(q, 2));
            tick();
            q.putNowait("y");
            await(g2);
            return null;
        });
        assertEquals(List.of("g1 cancelled", "g2 got y"), log);
    }

    private Coroutine<Void> getterLogging(AsyncQueue<String> q, int id) {
        return Coroutine.of(() -> {
            try {
                log.add("g" + id + " got " + await(q.get()));
            } catch (CancelledError e) {
                log.add("g" + id + " cancelled");
                throw e;
            }
            return null;
        });
    }

    /** CPython: ['got 0', 'p1 cancelled', 'p2 put'] and the queue holds [2]. */
    @Test
    void aPutterCancelledAfterItsWakeupPassesTheFreeSlotOn() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        q.putNowait(0);
        run(() -> {
            Task<?> p1 = createTask(putterLogging(q, 1));
            createTask(putterLogging(q, 2));
            tick();
            log.add("got " + q.getNowait());
            p1.cancel();
            tick();
            tick();
            return null;
        });
        assertEquals(List.of("got 0", "p1 cancelled", "p2 put"), log);
        assertEquals(1, q.qsize());
        assertEquals(2, q.getNowait());
    }

    private Coroutine<Void> putterLogging(AsyncQueue<Integer> q, int id) {
        return Coroutine.of(() -> {
            try {
                await(q.put(id));
                log.add("p" + id + " put");
            } catch (CancelledError e) {
                log.add("p" + id + " cancelled");
                throw e;
            }
            return null;
        });
    }

    @Test
    void aQueueBelongsToTheLoopItFirstWaitedOn() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(() -> {
            Task<?> waiting = createTask(Coroutine.of(() -> await(q.get())));
            tick();
            waiting.cancel();
            return null;
        });
        EventLoop other = EventLoop.createVirtualTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> other.runUntilComplete(Coroutine.of(() -> await(q.get()))));
        assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
        other.close();
    }

    /** Python warns "coroutine 'Queue.get' was never awaited"; the names say which call was dropped. */
    @Test
    void theCoroutinesAreNamedAfterTheirMethodForNeverAwaitedReports() {
        AsyncQueue<String> q = new AsyncQueue<>();
        List<Coroutine<?>> made = List.of(q.get(), q.put("x"), q.join(), new AsyncLock().acquire(),
                new AsyncEvent().waitSet(), new AsyncSemaphore().acquire(), new AsyncCondition().waitNotified(),
                new AsyncCondition().waitFor(() -> true));
        List<String> names = made.stream().map(Coroutine::name).toList();
        made.forEach(Coroutine::close);
        assertEquals(List.of("AsyncQueue.get", "AsyncQueue.put", "AsyncQueue.join", "AsyncLock.acquire",
                "AsyncEvent.waitSet", "AsyncSemaphore.acquire", "AsyncCondition.waitNotified",
                "AsyncCondition.waitFor"), names);
    }
}
