package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AsyncCondition}; expected traces come from CPython 3.11. */
class AsyncConditionTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void run(CoroutineBody<?> body) {
        loop.runUntilComplete(Coroutine.of(body));
    }

    private static void tick() {
        await(sleep(Duration.ZERO));
    }

    /** CPython: ['notified 2', 'c0 got a', 'c1 got b', 'notified all', 'c2 got c']. */
    @Test
    void signalWakesWaitersInOrderAndWaitForRechecksThePredicate() {
        AsyncCondition cond = new AsyncCondition();
        List<String> items = new ArrayList<>();
        run(() -> {
            List<Task<?>> consumers = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                int id = n;
                consumers.add(createTask(Coroutine.of(() -> cond.run(() -> {
                    await(cond.waitFor(() -> !items.isEmpty()));
                    log.add("c" + id + " got " + items.remove(0));
                    return null;
                }))));
            }
            tick();
            cond.run(() -> {
                items.add("a");
                items.add("b");
                cond.signal(2);
                return log.add("notified 2");
            });
            tick();
            tick();
            cond.run(() -> {
                items.add("c");
                cond.signalAll();
                return log.add("notified all");
            });
            for (Task<?> t : consumers) {
                await(t);
            }
            return null;
        });
        assertEquals(List.of("notified 2", "c0 got a", "c1 got b", "notified all", "c2 got c"), log);
    }

    @Test
    void waitAndSignalNeedTheLock() {
        AsyncCondition cond = new AsyncCondition();
        IllegalStateException notify = assertThrows(IllegalStateException.class, cond::signal);
        assertEquals("cannot notify on un-acquired lock", notify.getMessage());
        run(() -> {
            IllegalStateException wait = assertThrows(IllegalStateException.class,
                    () -> await(cond.waitNotified()));
            assertEquals("cannot wait on un-acquired lock", wait.getMessage());
            return null;
        });
    }

    @Test
    void waitNotifiedReturnsTrueWithTheLockHeldAgain() {
        AsyncCondition cond = new AsyncCondition();
        run(() -> {
            Task<?> waiter = createTask(Coroutine.of(() -> cond.run(() -> {
                boolean r = await(cond.waitNotified());
                log.add("woke " + r + " locked " + cond.locked());
                return null;
            })));
            tick();
            log.add("lock free while waiting: " + !cond.locked());
            cond.run(() -> {
                cond.signal();
                return null;
            });
            await(waiter);
            return null;
        });
        assertEquals(List.of("lock free while waiting: true", "woke true locked true"), log);
        assertFalse(cond.locked());
    }

    /**
     * CPython: ['still waiting for lock: False', 'cancelled, locked=True', 't cancelled']: a cancelled wait
     * first takes the lock back, then raises.
     */
    @Test
    void aCancelledWaitRetakesTheLockBeforeRaising() {
        AsyncCondition cond = new AsyncCondition();
        run(() -> {
            Task<?> t = createTask(Coroutine.of(() -> cond.run(() -> {
                try {
                    return await(cond.waitNotified());
                } catch (CancelledError e) {
                    log.add("cancelled, locked=" + cond.locked());
                    throw e;
                }
            })));
            tick();
            await(cond.acquire());
            t.cancel();
            tick();
            tick();
            log.add("still waiting for lock: " + t.done());
            cond.release();
            try {
                await(t);
            } catch (CancelledError e) {
                log.add("t cancelled");
            }
            return null;
        });
        assertEquals(List.of("still waiting for lock: false", "cancelled, locked=true", "t cancelled"), log);
        assertFalse(cond.locked());
    }

    @Test
    void conditionsCanShareALock() {
        AsyncLock lock = new AsyncLock();
        AsyncCondition a = new AsyncCondition(lock);
        AsyncCondition b = new AsyncCondition(lock);
        run(() -> {
            await(a.acquire());
            assertTrue(b.locked());
            assertTrue(lock.locked());
            b.release();
            assertFalse(a.locked());
            return null;
        });
    }
}
