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

/** F42, F43 and cancellation consistency of {@link AsyncSemaphore}; traces come from CPython 3.11. */
class AsyncSemaphoreTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();
    private int holders;
    private int maxHolders;

    private void run(CoroutineBody<?> body) {
        loop.runUntilComplete(Coroutine.of(body));
    }

    @Test
    void f42_atMostTwoHoldersAndStartsAreFifo() {
        AsyncSemaphore sem = new AsyncSemaphore(2);
        run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                int id = n;
                tasks.add(createTask(Coroutine.of(() -> sem.run(() -> {
                    holders++;
                    maxHolders = Math.max(maxHolders, holders);
                    log.add("start " + id);
                    await(sleep(Duration.ofMillis(10L * (id + 1))));
                    log.add("end " + id);
                    holders--;
                    return null;
                }))));
            }
            for (Task<?> t : tasks) {
                await(t);
            }
            return null;
        });
        assertEquals(List.of("start 0", "start 1", "end 0", "start 2", "end 1", "start 3", "end 2", "start 4",
                "end 3", "end 4"), log);
        assertEquals(2, maxHolders);
        assertEquals(2, sem.value());
    }

    @Test
    void f42_releasingBeyondTheInitialValueIsAllowed() {
        AsyncSemaphore sem = new AsyncSemaphore(1);
        sem.release();
        sem.release();
        assertEquals(3, sem.value());
        assertFalse(sem.locked());
        assertEquals("<AsyncSemaphore [unlocked, value:3]>", sem.toString());
    }

    @Test
    void f43_boundedSemaphoreOverReleaseAndNegativeInitialValue() {
        AsyncBoundedSemaphore b = new AsyncBoundedSemaphore(1);
        run(() -> {
            await(b.acquire());
            assertTrue(b.locked());
            b.release();
            return null;
        });
        IllegalStateException over = assertThrows(IllegalStateException.class, b::release);
        assertEquals("BoundedSemaphore released too many times", over.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new AsyncSemaphore(-1));
        assertTrue(negative.getMessage().startsWith("Semaphore initial value must be >= 0"));
        assertThrows(IllegalArgumentException.class, () -> new AsyncBoundedSemaphore(-1));
    }

    /** CPython: ['w1 cancelled', 'w2 acquired'] and the value ends at 0: the permit w1 got went to w2. */
    @Test
    void aWaiterCancelledAfterItWasGrantedAPermitHandsItOn() {
        AsyncSemaphore sem = new AsyncSemaphore(0);
        run(() -> {
            Task<?> w1 = createTask(acquirer(sem, 1));
            createTask(acquirer(sem, 2));
            await(sleep(Duration.ZERO));
            sem.release();
            w1.cancel();
            await(sleep(Duration.ZERO));
            await(sleep(Duration.ZERO));
            return null;
        });
        assertEquals(List.of("w1 cancelled", "w2 acquired"), log);
        assertEquals(0, sem.value());
    }

    @Test
    void aWaiterCancelledWhileQueuedTakesNoPermit() {
        AsyncSemaphore sem = new AsyncSemaphore(0);
        run(() -> {
            Task<?> w1 = createTask(acquirer(sem, 1));
            await(sleep(Duration.ZERO));
            w1.cancel();
            await(sleep(Duration.ZERO));
            sem.release();
            log.add("value " + sem.value() + " locked " + sem.locked());
            return null;
        });
        assertEquals(List.of("w1 cancelled", "value 1 locked false"), log);
    }

    private Coroutine<Void> acquirer(AsyncSemaphore sem, int id) {
        return Coroutine.of(() -> {
            try {
                await(sem.acquire());
                log.add("w" + id + " acquired");
            } catch (CancelledError e) {
                log.add("w" + id + " cancelled");
                throw e;
            }
            return null;
        });
    }
}
