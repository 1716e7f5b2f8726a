package dev.coflow.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.StopIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FutureTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void runOnce() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    void e1_e2_statesAndStrings() {
        Future<Integer> f = loop.createFuture();
        assertEquals("<Future pending>", f.toString());
        f.setResult(42);
        assertEquals("<Future finished result=42>", f.toString());
        Future<Integer> g = loop.createFuture();
        g.setException(new IllegalArgumentException("bad"));
        assertEquals("<Future finished exception=java.lang.IllegalArgumentException: bad>", g.toString());
        g.exception();
        Future<Integer> c = loop.createFuture();
        c.cancel();
        assertEquals("<Future cancelled>", c.toString());
    }

    @Test
    void e3_resultAndExceptionOfAPendingFuture() {
        Future<Integer> f = loop.createFuture();
        assertEquals("Result is not set.", assertThrows(InvalidStateError.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
        assertFalse(f.done());
    }

    @Test
    void e4_settingADoneFutureFailsAndCancelOfAFinishedOneIsFalse() {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> f.setResult(2)).getMessage());
        assertEquals("invalid state",
                assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException())).getMessage());
        assertFalse(f.cancel());
        assertFalse(f.cancelled());
        assertEquals(1, f.result());
    }

    /** E4: Python checks the state before the argument, so a done future refuses any argument alike. */
    @Test
    void e4_settingADoneFutureFailsBeforeTheArgumentIsLookedAt() {
        Future<Integer> f = loop.createFuture();
        f.cancel();
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> f.setResult(null)).getMessage());
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> f.setException(null)).getMessage());
        assertEquals("invalid state",
                assertThrows(InvalidStateError.class, () -> f.setException(new StopIteration())).getMessage());
        Future<Integer> pending = loop.createFuture();
        assertThrows(NullPointerException.class, () -> pending.setException(null));
        assertFalse(pending.done());
    }

    @Test
    void e5_exceptionReturnsItAndResultRaisesTheSameObject() {
        Future<Integer> ok = loop.createFuture();
        ok.setResult(3);
        assertNull(ok.exception());
        Future<Integer> f = loop.createFuture();
        IllegalStateException e = new IllegalStateException("x");
        f.setException(e);
        assertSame(e, f.exception());
        assertSame(e, assertThrows(IllegalStateException.class, f::result));
    }

    @Test
    void e6_stopIterationCannotBeRaisedIntoAFuture() {
        Future<Integer> f = loop.createFuture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.setException(new StopIteration()));
        assertEquals("StopIteration interacts badly with generators and cannot be raised into a Future",
                e.getMessage());
    }

    @Test
    void e7_e8_cancel() {
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel("because"));
        assertTrue(f.done());
        assertTrue(f.cancelled());
        assertFalse(f.cancel());
        assertEquals(List.of("because"), assertThrows(CancelledError.class, f::result).args());
        assertEquals(List.of("because"), assertThrows(CancelledError.class, f::exception).args());
    }

    @Test
    void e9_cancelledErrorIsNotAnExceptionAndTaskIsAFuture() {
        assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
        assertTrue(Error.class.isAssignableFrom(CancelledError.class));
        assertTrue(Future.class.isAssignableFrom(Task.class));
        assertTrue(RuntimeException.class.isAssignableFrom(InvalidStateError.class));
    }

    @Test
    void e11_doneCallbacksAreNeverSynchronousAndFifoAmongOtherCallbacks() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> log.add("cb1"));
        f.addDoneCallback(x -> log.add("cb2"));
        loop.callSoon(() -> log.add("soon-A"));
        f.setResult("r");
        assertEquals(List.of(), log);
        loop.callSoon(() -> log.add("soon-B"));
        f.addDoneCallback(x -> log.add("cb3"));
        runOnce();
        assertEquals(List.of("soon-A", "cb1", "cb2", "soon-B", "cb3"), log);
    }

    @Test
    void e12_e13_aCallbackAddedAfterCompletionIsScheduledAndReceivesTheFutureAlsoOnCancel() {
        Future<String> f = loop.createFuture();
        f.cancel();
        Object[] got = new Object[1];
        f.addDoneCallback(x -> got[0] = x);
        assertNull(got[0]);
        runOnce();
        assertSame(f, got[0]);
    }

    @Test
    void e14_removeDoneCallbackRemovesEveryRegistrationAndReturnsTheCount() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb = x -> log.add("cb");
        f.addDoneCallback(cb);
        f.addDoneCallback(x -> log.add("other"));
        f.addDoneCallback(cb);
        assertEquals(2, f.removeDoneCallback(cb));
        assertEquals(0, f.removeDoneCallback(cb));
        f.setResult("r");
        runOnce();
        assertEquals(List.of("other"), log);
    }

    @Test
    void e16_doneCallbacksRunInTheContextCurrentWhenAdded() {
        ContextVar<String> var = new ContextVar<>("var", "unset");
        Future<String> f = loop.createFuture();
        Context ctx = new Context();
        ctx.run(() -> {
            var.set("in ctx");
            f.addDoneCallback(x -> log.add(var.get()));
            return null;
        });
        f.addDoneCallback(x -> log.add(var.get()));
        f.setResult("r");
        runOnce();
        assertEquals(List.of("in ctx", "unset"), log);
    }

    @Test
    void e49_e50_anExceptionNeverRetrievedIsReportedWhenTheLoopClosesUnlessRetrievedOrCancelled() {
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        RuntimeException lost = new RuntimeException("lost");
        Task<Object> failed = loop.createTask(Coroutine.of(() -> {
            throw lost;
        }), "failing");
        Task<Object> retrieved = loop.createTask(Coroutine.of(() -> {
            throw new RuntimeException("seen");
        }));
        Task<Object> cancelled = loop.createTask(Coroutine.of(() -> 1));
        cancelled.cancel();
        Future<Object> plain = loop.createFuture();
        plain.setException(new RuntimeException("plain"));
        runOnce();
        assertTrue(failed.done() && retrieved.done() && cancelled.cancelled());
        assertEquals("seen", retrieved.exception().getMessage());
        loop.close();
        assertEquals(2, reports.size(), reports.toString());
        Map<String, Object> task = reports.stream().filter(r -> r.get("exception") == lost).findFirst().orElseThrow();
        assertEquals("Task exception was never retrieved", task.get("message"));
        assertTrue(task.get("future").toString().contains("name='failing'"), task.toString());
        Map<String, Object> fut = reports.stream().filter(r -> r.get("exception") != lost).findFirst().orElseThrow();
        assertEquals("Future exception was never retrieved", fut.get("message"));
    }

    @Test
    void e49_anExceptionNeverRetrievedIsReportedWhenTheTaskIsCollected() throws Exception {
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        loop.setExceptionHandler((l, ctx) -> {
            if ("Task exception was never retrieved".equals(ctx.get("message"))) {
                reported.countDown();
            }
        });
        failAndForget();
        for (int i = 0; i < 200 && reported.getCount() > 0; i++) {
            System.gc();
            // the cleaner thread posts the report to the loop: run one iteration to deliver it
            loop.callLater(java.time.Duration.ofMillis(1), loop::stop);
            loop.runForever();
            reported.await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertEquals(0, reported.getCount(), "the collected task's exception was not reported");
    }

    private void failAndForget() {
        loop.createTask(Coroutine.of(() -> {
            throw new RuntimeException("forgotten");
        }));
        runOnce();
    }
}
