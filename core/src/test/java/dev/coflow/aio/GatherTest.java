package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.gatherReturnExceptions;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md F1–F12: gather. Expected traces come from CPython 3.11.7. */
class GatherTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    private Coroutine<String> ticks(int n, String name, RuntimeException exc) {
        return Ticks.of(log, n, name, exc);
    }

    private Coroutine<String> ticks(int n, String name) {
        return ticks(n, name, null);
    }

    private Coroutine<String> child(String name, int n) {
        return Coroutine.of(() -> {
            log.add("start " + name);
            return await(ticks(n, name));
        });
    }

    private static void pass(int iterations) {
        for (int i = 0; i < iterations; i++) {
            await(sleep(Duration.ZERO));
        }
    }

    @Test
    void f1_f5_resultsInArgumentOrderChildrenStartedInArgumentOrder() {
        List<String> r = run(() -> await(gather(child("slow", 3), child("fast", 1), child("mid", 2))));
        assertEquals(List.of("slow", "fast", "mid"), r);
        assertEquals(List.of("start slow", "start fast", "start mid", "fast", "mid", "slow"), log);
    }

    @Test
    void f2_gatherOfNothingIsADoneFutureOfAnEmptyList() {
        run(() -> {
            Future<List<Object>> g = gather();
            assertTrue(g.done());
            assertEquals(List.of(), g.result());
            return null;
        });
    }

    @Test
    void f3_theSameAwaitablePassedTwiceRunsOnce() {
        List<String> r = run(() -> {
            Coroutine<String> c = child("once", 1);
            Task<String> t = Aio.createTask(child("t", 1));
            return await(gather(c, c, t, t));
        });
        assertEquals(List.of("once", "once", "t", "t"), r);
        assertEquals(List.of("start t", "start once", "t", "once"), log);
    }

    @Test
    void f4_gatherOfSomethingNotAwaitableFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(() -> gather(1, 2)));
        assertTrue(e.getMessage().startsWith("An asyncio.Future, a coroutine or an awaitable is required"));
        assertInstanceOf(Future.class, run(() -> gather(ticks(0, "x"))));
    }

    @Test
    void f6_theFirstExceptionPropagatesAtOnceAndTheOthersKeepRunning() {
        run(() -> {
            IllegalArgumentException a = new IllegalArgumentException("a");
            Future<List<String>> g = gather(ticks(1, "a", a), ticks(3, "b", new IllegalStateException("b")));
            IllegalArgumentException raised = assertThrows(IllegalArgumentException.class, () -> await(g));
            assertTrue(raised == a);
            log.add("raised, done=" + g.done());
            pass(3);
            return null;
        });
        assertEquals(List.of("a", "raised, done=true", "b"), log);
    }

    @Test
    void f7_returnExceptionsPutsThemInTheResults() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> r = run(() -> await(gatherReturnExceptions(ticks(1, "ok"), ticks(2, "bad", boom))));
        assertEquals("ok", r.get(0));
        assertTrue(r.get(1) == boom);
    }

    @Test
    void f8_aChildCancelledDirectly() {
        run(() -> {
            Task<String> t1 = Aio.createTask(ticks(5, "t1"));
            Task<String> t2 = Aio.createTask(ticks(2, "t2"));
            Future<List<String>> g = gather(t1, t2);
            await(sleep(Duration.ZERO));
            t1.cancel();
            assertThrows(CancelledError.class, () -> await(g));
            assertFalse(g.cancelled());
            assertTrue(t2.done());
            await(t2);
            assertEquals(List.of("t2"), log);

            Task<String> u1 = Aio.createTask(ticks(5, "u1"));
            Task<String> u2 = Aio.createTask(ticks(2, "u2"));
            Future<List<Object>> h = gatherReturnExceptions(u1, u2);
            await(sleep(Duration.ZERO));
            u1.cancel("m");
            List<Object> r = await(h);
            assertTrue(r.get(0) instanceof CancelledError c && c.getMessage().isEmpty(), r.toString());
            assertEquals("u2", r.get(1));
            return null;
        });
    }

    @Test
    void f9_f10_cancellingTheGatherCancelsTheChildrenThatAreNotDone() {
        run(() -> {
            Task<String> t1 = Aio.createTask(ticks(5, "t1"));
            Task<String> t2 = Aio.createTask(ticks(1, "t2"));
            Future<List<String>> g = gather(t1, t2);
            pass(3);
            assertTrue(g.cancel());
            assertFalse(t1.cancelled()); // not yet: the CancelledError is delivered on the next iteration
            assertTrue(t2.done());
            assertThrows(CancelledError.class, () -> await(g));
            assertTrue(t1.cancelled());
            assertFalse(g.cancelled()); // (Q) F10: the gather is FINISHED with a CancelledError
            assertTrue(g.exception() instanceof CancelledError);
            assertFalse(g.cancel());
            return null;
        });
    }

    @Test
    void f11_aCancelledGatherRaisesEvenWithReturnExceptionsAndAChildThatSwallowedIt() {
        run(() -> {
            Coroutine<String> swallow = Coroutine.of(() -> {
                try {
                    await(sleep(Duration.ofSeconds(10)));
                    return "slept";
                } catch (CancelledError e) {
                    return "swallowed";
                }
            });
            Future<List<Object>> g = gatherReturnExceptions(swallow);
            await(sleep(Duration.ZERO));
            g.cancel();
            assertThrows(CancelledError.class, () -> await(g));
            return null;
        });
    }

    @Test
    void f12_cancellingTheTaskAwaitingAGatherCancelsItsChildren() {
        run(() -> {
            Task<List<String>> w = Aio.createTask(Coroutine.of(() -> await(gather(ticks(5, "x"), ticks(5, "y")))));
            pass(2);
            w.cancel();
            assertThrows(CancelledError.class, () -> await(w));
            pass(6);
            return null;
        });
        assertEquals(List.of(), log);
    }
}
