package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** F40, F45, F46 and cancellation consistency of {@link AsyncLock}; expected traces come from CPython 3.11. */
class AsyncLockTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();
    private int counter;

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private static void tick() {
        await(sleep(Duration.ZERO));
    }

    private void awaitAll(List<Task<?>> tasks) {
        for (Task<?> t : tasks) {
            await(t);
        }
    }

    @Test
    void f40_waitersGetTheLockInFifoOrder() {
        AsyncLock lock = new AsyncLock();
        run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                int id = n;
                tasks.add(createTask(Coroutine.of(() -> {
                    log.add(id + " wants");
                    return lock.run(() -> {
                        log.add(id + " has");
                        tick();
                        log.add(id + " releases");
                        return null;
                    });
                })));
            }
            awaitAll(tasks);
            return null;
        });
        assertEquals(List.of("0 wants", "0 has", "1 wants", "2 wants", "0 releases", "1 has", "1 releases",
                "2 has", "2 releases"), log);
        assertFalse(lock.locked());
    }

    @Test
    void f40_releasingAnUnlockedLockFails() {
        AsyncLock lock = new AsyncLock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
        boolean acquired = run(() -> await(lock.acquire()));
        assertTrue(acquired);
        assertTrue(lock.locked());
        assertEquals("<AsyncLock [locked]>", lock.toString());
    }

    @Test
    void f45_readAwaitWriteLosesUpdatesWithoutTheLockAndNotWithIt() {
        AsyncLock lock = new AsyncLock();
        run(() -> {
            awaitAll(spawn(100, () -> {
                int v = counter;
                tick();
                counter = v + 1;
                return null;
            }));
            log.add("unlocked " + counter);
            counter = 0;
            awaitAll(spawn(100, () -> lock.run(() -> {
                int v = counter;
                tick();
                counter = v + 1;
                return null;
            })));
            log.add("locked " + counter);
            return null;
        });
        assertEquals(List.of("unlocked 1", "locked 100"), log);
    }

    @Test
    void f46_noAwaitBetweenReadAndWriteIsAtomic() {
        run(() -> {
            awaitAll(spawn(100, () -> {
                int v = counter;
                counter = v + 1;
                tick();
                return null;
            }));
            return null;
        });
        assertEquals(100, counter);
    }

    private List<Task<?>> spawn(int n, CoroutineBody<?> body) {
        List<Task<?>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(Coroutine.of(body)));
        }
        return tasks;
    }

    @Test
    void runReleasesOnFailureAndRethrowsTheSameInstance() {
        AsyncLock lock = new AsyncLock();
        IOException boom = new IOException("boom");
        run(() -> {
            IOException thrown = assertThrows(IOException.class, () -> lock.run(() -> {
                throw boom;
            }));
            assertSame(boom, thrown);
            return null;
        });
        assertFalse(lock.locked());
    }

    /** CPython: ['w1 cancelled', 'released', 'w2 has'] and the lock ends unlocked. */
    @Test
    void aWaiterCancelledWhileQueuedDoesNotBlockTheOthers() {
        AsyncLock lock = new AsyncLock();
        run(() -> {
            await(lock.acquire());
            Task<?> w1 = createTask(waiter(lock, 1));
            Task<?> w2 = createTask(waiter(lock, 2));
            tick();
            w1.cancel();
            tick();
            lock.release();
            log.add("released");
            await(w2);
            return null;
        });
        assertEquals(List.of("w1 cancelled", "released", "w2 has"), log);
        assertFalse(lock.locked());
    }

    /** CPython: ['released', 'w1 cancelled', 'w2 has']: the turn w1 was given passes to w2. */
    @Test
    void aWaiterCancelledAfterItWasPickedPassesItsTurnOn() {
        AsyncLock lock = new AsyncLock();
        run(() -> {
            await(lock.acquire());
            Task<?> w1 = createTask(waiter(lock, 1));
            Task<?> w2 = createTask(waiter(lock, 2));
            tick();
            lock.release();
            log.add("released");
            w1.cancel();
            await(w2);
            return null;
        });
        assertEquals(List.of("released", "w1 cancelled", "w2 has"), log);
        assertFalse(lock.locked());
    }

    private Coroutine<Void> waiter(AsyncLock lock, int id) {
        return Coroutine.of(() -> {
            try {
                lock.run(() -> log.add("w" + id + " has"));
            } catch (CancelledError e) {
                log.add("w" + id + " cancelled");
                throw e;
            }
            return null;
        });
    }

    @Test
    void acquireDoesNotSuspendWhenOnlyCancelledWaitersAreQueued() {
        AsyncLock lock = new AsyncLock();
        run(() -> {
            await(lock.acquire());
            Task<?> w1 = createTask(waiter(lock, 1));
            tick();
            w1.cancel();
            lock.release();
            // w1's waiter future is cancelled but w1 has not run yet: the lock is free for us at once.
            await(lock.acquire());
            log.add("main has, w1 done=" + w1.done());
            lock.release();
            tick();
            return null;
        });
        assertEquals(List.of("main has, w1 done=false", "w1 cancelled"), log);
    }
}
