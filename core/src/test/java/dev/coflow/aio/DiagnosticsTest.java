package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debug mode: slow callbacks and task steps are logged with the task's name (the seed's blocking sleep). */
class DiagnosticsTest {

    private static void busyFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void debugModeLogsAStepThatBlocksTheLoopWithTheTaskNameAndDuration() {
        EventLoop loop = EventLoop.create();
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        try (LogCapture logs = LogCapture.start()) {
            loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
                await(sleep(Duration.ZERO));
                busyFor(Duration.ofMillis(20)); // the seed's time.sleep inside a coroutine
                return null;
            }), "blocker"));
            loop.callSoon(() -> busyFor(Duration.ofMillis(20)));
            loop.callSoon(() -> { });
            loop.callSoon(loop::stop);
            loop.runForever();
            List<String> slow = logs.messages().stream().filter(m -> m.startsWith("Executing ")).toList();
            // The step that blocked is the task's last one; (a cold first step may be logged as well).
            String blocker = slow.stream().filter(m -> m.startsWith("Executing <Task finished")).findFirst()
                    .orElseThrow(() -> new AssertionError("the blocking step was not logged: " + slow));
            assertTrue(blocker.contains("name='blocker'"), blocker);
            double took = Double.parseDouble(blocker.replaceAll(".* took ([0-9.]+) seconds", "$1"));
            assertTrue(took >= 0.020, blocker);
            assertTrue(slow.stream().anyMatch(m -> m.startsWith("Executing <Handle")), slow.toString());
        } finally {
            loop.close();
        }
    }

    /** CPython times steps with loop.time(): on a virtual clock, a step is slow only if it moved that clock. */
    @Test
    void onAVirtualTimeLoopDebugModeTimesStepsOnTheVirtualClock() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        try (LogCapture logs = LogCapture.start()) {
            loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
                await(sleep(Duration.ofSeconds(1)));
                loop.advanceVirtualTime(Duration.ofMillis(250)); // a simulated blocking call
                return null;
            }), "blocker"));
            assertEquals(1.25, loop.time());
            loop.callSoon(() -> busyFor(Duration.ofMillis(20))); // real time only: invisible on this clock
            loop.callSoon(loop::stop);
            loop.runForever();
            List<String> slow = logs.messages().stream().filter(m -> m.startsWith("Executing ")).toList();
            assertEquals(1, slow.size(), slow.toString());
            assertTrue(slow.get(0).startsWith("Executing <Task finished"), slow.toString());
            assertTrue(slow.get(0).contains("name='blocker'"), slow.toString());
            assertTrue(slow.get(0).endsWith(" took 0.250 seconds"), slow.toString());
        } finally {
            loop.close();
        }
    }

    @Test
    void advanceVirtualTimeMovesOnlyAVirtualClockAndOnlyForward() {
        EventLoop real = EventLoop.create();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> real.advanceVirtualTime(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("EventLoop.createVirtualTime()"), e.getMessage());
        real.close();
        EventLoop loop = EventLoop.createVirtualTime();
        assertThrows(IllegalArgumentException.class, () -> loop.advanceVirtualTime(Duration.ofSeconds(-1)));
        List<String> order = new ArrayList<>();
        loop.callLater(Duration.ofSeconds(2), () -> order.add("timer at " + loop.time()));
        loop.callSoon(() -> {
            loop.advanceVirtualTime(Duration.ofSeconds(3)); // the timer falls due meanwhile; it runs next
            order.add("blocked until " + loop.time());
        });
        loop.callLater(Duration.ofSeconds(4), loop::stop);
        loop.runForever();
        assertEquals(List.of("blocked until 3.0", "timer at 3.0"), order);
        loop.close();
    }

    @Test
    void withoutDebugModeNothingIsLogged() {
        EventLoop loop = EventLoop.create();
        loop.setSlowCallbackDuration(Duration.ofMillis(1));
        try (LogCapture logs = LogCapture.start()) {
            loop.callSoon(() -> busyFor(Duration.ofMillis(5)));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertTrue(logs.messages().stream().noneMatch(m -> m.startsWith("Executing ")));
        } finally {
            loop.close();
        }
        assertEquals(Duration.ofMillis(100), EventLoop.createVirtualTime().getSlowCallbackDuration());
    }
}
