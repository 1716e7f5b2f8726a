package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
        EventLoop loop = EventLoop.createVirtualTime();
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        try (LogCapture logs = LogCapture.start()) {
            loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
                await(sleep(Duration.ofSeconds(1)));
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
        }
    }

    @Test
    void withoutDebugModeNothingIsLogged() {
        EventLoop loop = EventLoop.createVirtualTime();
        loop.setSlowCallbackDuration(Duration.ofMillis(1));
        try (LogCapture logs = LogCapture.start()) {
            loop.callSoon(() -> busyFor(Duration.ofMillis(5)));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertTrue(logs.messages().stream().noneMatch(m -> m.startsWith("Executing ")));
        }
        assertEquals(Duration.ofMillis(100), EventLoop.createVirtualTime().getSlowCallbackDuration());
    }
}
