package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopGroupTest {

    @Test
    void loopsRunOnTheirOwnThreadsAndAreHandedOutRoundRobin() throws Exception {
        try (EventLoopGroup group = EventLoopGroup.create(2)) {
            assertEquals(2, group.size());
            EventLoop a = group.next();
            EventLoop b = group.next();
            assertNotEquals(a, b);
            assertSame(a, group.next());
            assertTrue(a.isRunning() && b.isRunning());
            CompletableFuture<String> ta = new CompletableFuture<>();
            a.callSoonThreadsafe(() -> ta.complete(Thread.currentThread().getName()));
            CompletableFuture<String> tb = new CompletableFuture<>();
            b.callSoonThreadsafe(() -> tb.complete(Thread.currentThread().getName()));
            assertTrue(a.submit(Coroutine.of(() -> Aio.getRunningLoop() == a)).get(10, TimeUnit.SECONDS));
            assertEquals("coflow-loop-0", ta.get(10, TimeUnit.SECONDS));
            assertEquals("coflow-loop-1", tb.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void loopsRunInParallel() throws Exception {
        CyclicBarrier both = new CyclicBarrier(2);
        try (EventLoopGroup group = EventLoopGroup.create(2)) {
            // each coroutine blocks its own loop until the other one arrives: only parallel loops finish
            CompletableFuture<Integer> x = group.submit(Coroutine.of(() -> both.await(10, TimeUnit.SECONDS)));
            CompletableFuture<Integer> y = group.submit(Coroutine.of(() -> both.await(10, TimeUnit.SECONDS)));
            assertEquals(1, x.get(10, TimeUnit.SECONDS) + y.get(10, TimeUnit.SECONDS));
            CompletableFuture<String> slept = group.submit(Coroutine.of(() -> {
                await(sleep(Duration.ofMillis(1)));
                return "slept";
            }));
            assertEquals("slept", slept.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeStopsAndClosesEveryLoop() {
        EventLoopGroup group = EventLoopGroup.create(2);
        EventLoop loop = group.next();
        group.close();
        assertTrue(group.isClosed());
        assertFalse(loop.isRunning());
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, group::next);
        group.close();
        assertThrows(IllegalArgumentException.class, () -> EventLoopGroup.create(0));
    }
}
