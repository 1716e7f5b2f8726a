package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.gen.GeneratorState;
import dev.coflow.gen.StopIteration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md D4, D9, D10, D23, D24: driving a coroutine by hand with send and throw, no task, no loop. */
class CoroutineByHandTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Test
    void d4_sendRunsToTheAwaitedFutureThenTheReturnValueArrivesInStopIteration() {
        Future<Integer> f = loop.createFuture();
        Coroutine<Integer> c = Coroutine.of(() -> await(f) + 1);
        assertEquals(GeneratorState.CREATED, c.state());
        assertSame(f, c.send(null));
        assertEquals(GeneratorState.SUSPENDED, c.state());
        assertSame(f, c.awaiting());
        f.setResult(41);
        StopIteration end = assertThrows(StopIteration.class, () -> c.send(null));
        assertEquals(42, end.value());
        assertEquals(GeneratorState.CLOSED, c.state());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> c.send(null));
        assertEquals("cannot reuse already awaited coroutine", again.getMessage());
        assertThrows(IllegalStateException.class, () -> c.throwInto(new IllegalArgumentException("v")));
        c.close();
    }

    @Test
    void d23_sleepZeroYieldsABareNullByHand() {
        Coroutine<String> c = Coroutine.of(() -> {
            await(sleep(Duration.ZERO));
            return "after";
        });
        assertNull(c.send(null));
        assertEquals("after", assertThrows(StopIteration.class, () -> c.send(null)).value());
    }

    @Test
    void d9_aValueSentToANewCoroutineIsRefusedAndItStaysNew() {
        Coroutine<String> c = Coroutine.of(() -> {
            await(sleep(Duration.ZERO));
            return "ran";
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.send("x"));
        assertEquals("can't send non-None value to a just-started coroutine", e.getMessage());
        assertEquals(GeneratorState.CREATED, c.state());
        assertNull(c.send(null));
    }

    @Test
    void d24_resumingWhileTheAwaitedFutureIsPendingRaisesInsideTheCoroutine() {
        Future<String> f = loop.createFuture();
        Coroutine<String> c = Coroutine.of(() -> await(f));
        c.send(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));
        assertEquals("await wasn't used with future", e.getMessage());
        assertEquals(GeneratorState.CLOSED, c.state());
    }

    @Test
    void d10_throwLandsAtTheInnermostAwaitOfANestedCoroutineAndMayBeCaughtThere() {
        Future<String> f = loop.createFuture();
        Coroutine<String> inner = Coroutine.of(() -> {
            try {
                return await(f);
            } catch (IllegalArgumentException e) {
                log.add("inner caught " + e.getMessage());
                return "recovered";
            }
        });
        Coroutine<String> outer = Coroutine.of(() -> "outer got " + await(inner));
        assertSame(f, outer.send(null));
        assertEquals(GeneratorState.SUSPENDED, inner.state());
        StopIteration end = assertThrows(StopIteration.class, () -> outer.throwInto(new IllegalArgumentException("boom")));
        assertEquals("outer got recovered", end.value());
        assertEquals(List.of("inner caught boom"), log);
    }

    @Test
    void d10_aThrowIntoANewCoroutineClosesItWithoutRunningTheBody() {
        Coroutine<String> c = Coroutine.of(() -> {
            log.add("ran");
            return "never";
        });
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> c.throwInto(boom)));
        assertEquals(GeneratorState.CLOSED, c.state());
        assertEquals(List.of(), log);
    }

    @Test
    void d10_closeOfACoroutineSuspendedByHandRunsItsFinally() {
        Future<String> f = loop.createFuture();
        Coroutine<String> c = Coroutine.of(() -> {
            try {
                return await(f);
            } finally {
                log.add("finally");
            }
        });
        c.send(null);
        c.close();
        assertEquals(List.of("finally"), log);
        assertEquals(GeneratorState.CLOSED, c.state());
    }

    @Test
    void aCoroutineDrivenByHandHasNoTaskAndNoLoop() {
        Coroutine<String> c = Coroutine.of(() -> {
            try {
                Aio.currentTask();
            } catch (IllegalStateException e) {
                log.add("currentTask: " + e.getMessage());
            }
            await(sleep(Duration.ofSeconds(1)));
            return "slept";
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));
        assertEquals("no running event loop", e.getMessage());
        assertEquals(List.of("currentTask: no running event loop"), log);
    }

    @Test
    void aCoroutineThatATaskDrivesCannotBeDrivenByHand() {
        Future<String> f = loop.createFuture();
        Coroutine<String> c = Coroutine.of(() -> await(f));
        Task<String> task = loop.createTask(c, "worker", null);
        loop.callSoon(loop::stop);
        loop.runForever();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));
        assertTrue(e.getMessage().contains("is driven by worker"), e.getMessage());
        f.setResult("done");
        assertEquals("done", loop.runUntilComplete(task));
    }
}
