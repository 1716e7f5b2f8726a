package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** F41: {@link AsyncEvent}; expected traces come from CPython 3.11. */
class AsyncEventTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Test
    void f41_setWakesWaitersInOrderAndASetEventDoesNotSuspend() {
        AsyncEvent ev = new AsyncEvent();
        loop.runUntilComplete(Coroutine.of(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                int id = n;
                tasks.add(createTask(Coroutine.of(() -> {
                    log.add(id + " waits");
                    boolean r = await(ev.waitSet());
                    log.add(id + " woke " + r);
                    return null;
                })));
            }
            await(sleep(Duration.ZERO));
            log.add(ev.toString());
            log.add("set");
            ev.set();
            log.add("isSet " + ev.isSet());
            for (Task<?> t : tasks) {
                await(t);
            }
            loop.callSoon(() -> log.add("soon"));
            log.add("again " + await(ev.waitSet()));
            await(sleep(Duration.ZERO));
            ev.clear();
            log.add("cleared " + ev.isSet());
            return null;
        }));
        assertEquals(List.of("0 waits", "1 waits", "2 waits", "<AsyncEvent [unset, waiters:3]>", "set",
                "isSet true", "0 woke true", "1 woke true", "2 woke true", "again true", "soon",
                "cleared false"), log);
    }

    @Test
    void f41_clearMakesWaitersWaitForTheNextSet() {
        AsyncEvent ev = new AsyncEvent();
        loop.runUntilComplete(Coroutine.of(() -> {
            ev.set();
            ev.clear();
            Task<?> waiter = createTask(Coroutine.of(() -> {
                await(ev.waitSet());
                log.add("woke at " + loop.time());
                return null;
            }));
            await(sleep(Duration.ofSeconds(5)));
            ev.set();
            await(waiter);
            return null;
        }));
        assertEquals(List.of("woke at 5.0"), log);
    }

    @Test
    void aCancelledWaiterLeavesNoTrace() {
        AsyncEvent ev = new AsyncEvent();
        loop.runUntilComplete(Coroutine.of(() -> {
            Task<?> waiter = createTask(Coroutine.of(() -> await(ev.waitSet())));
            await(sleep(Duration.ZERO));
            waiter.cancel();
            await(sleep(Duration.ZERO));
            log.add(waiter.cancelled() + " " + ev);
            return null;
        }));
        assertEquals(List.of("true <AsyncEvent [unset]>"), log);
    }
}
