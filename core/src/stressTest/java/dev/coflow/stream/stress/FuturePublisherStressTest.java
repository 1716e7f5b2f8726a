package dev.coflow.stream.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Future;
import dev.coflow.stream.Publishers;
import dev.coflow.stream.RunningLoop;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Races on a task-as-Publisher subscription: the outcome arriving on the loop thread against request
 * and cancel from other threads. Exactly one outcome, whole, or nothing after a cancel.
 */
class FuturePublisherStressTest {

    private static final int ROUNDS = 2_000;
    private static final RunningLoop RUNNING = new RunningLoop();

    @AfterAll
    static void stopLoop() throws InterruptedException {
        RUNNING.close();
    }

    private record World(Future<String> future, CheckingSubscriber<String> subscriber) {
        static World create() {
            World w = new World(RUNNING.call(RUNNING.loop::<String>createFuture), new CheckingSubscriber<>());
            Publishers.from(w.future).subscribe(w.subscriber);
            return w;
        }

        /** Lets the loop run what the actors scheduled, including the done callbacks. */
        void settle() {
            RUNNING.call(() -> null);
            RUNNING.call(() -> null);
        }
    }

    @Test
    void theResultRacingRequestsArrivesExactlyOnce() throws Throwable {
        Race.run(ROUNDS, World::create,
                w -> {
                    w.settle();
                    assertEquals(List.of("v"), w.subscriber().items());
                    assertEquals(1, w.subscriber().completions.get());
                    assertEquals(List.of(), w.subscriber().violations());
                },
                w -> RUNNING.loop.callSoonThreadsafe(() -> w.future().setResult("v")),
                w -> w.subscriber().request(1),
                w -> w.subscriber().request(Long.MAX_VALUE));
    }

    @Test
    void requestsRacingForAResultAlreadyThereGetItOnce() throws Throwable {
        Race.run(ROUNDS, () -> {
                    World w = World.create();
                    RUNNING.call(() -> {
                        w.future().setResult("v");
                        return null;
                    });
                    w.settle(); // the subscription holds the value, waiting for demand
                    return w;
                },
                w -> {
                    assertEquals(List.of("v"), w.subscriber().items());
                    assertEquals(1, w.subscriber().completions.get());
                    assertEquals(List.of(), w.subscriber().violations());
                },
                w -> w.subscriber().request(1),
                w -> w.subscriber().request(1),
                w -> w.subscriber().request(7));
    }

    @Test
    void theResultRacingCancelIsWholeOrAbsent() throws Throwable {
        Race.run(ROUNDS, World::create,
                w -> {
                    w.settle();
                    List<String> items = w.subscriber().items();
                    assertTrue(items.isEmpty() || items.equals(List.of("v")), items.toString());
                    assertEquals(items.size(), w.subscriber().completions.get(),
                            "an item always comes with its onComplete");
                    assertNull(w.subscriber().error);
                    assertEquals(List.of(), w.subscriber().violations());
                },
                w -> RUNNING.loop.callSoonThreadsafe(() -> w.future().setResult("v")),
                w -> w.subscriber().request(1),
                w -> w.subscriber().cancel());
    }
}
