package dev.coflow.reactor;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** What a test of code returning {@code CoReactor.mono} sees on each kind of loop: never a silent hang. */
class CoReactorVirtualTimeTest {

    @Test
    void aMonoOnAVirtualTimeLoopThatNothingRunsFailsAtOnce() {
        EventLoop idle = EventLoop.createVirtualTime();
        StepVerifier.create(CoReactor.mono(idle, () -> Coroutine.of(() -> "never")))
                .expectErrorSatisfies(e -> {
                    assertEquals(IllegalStateException.class, e.getClass());
                    assertEquals(CoroutineMono.IDLE_VIRTUAL_LOOP, e.getMessage());
                })
                .verify(Duration.ofSeconds(10));
        idle.close();
    }

    @Test
    void theSameMonoAwaitedInsideTheVirtualTimeLoopRunsInVirtualTime() {
        EventLoop virtual = EventLoop.createVirtualTime();
        Mono<String> late = CoReactor.mono(virtual, () -> Coroutine.of(() -> {
            await(sleep(Duration.ofHours(1)));
            return "an hour later";
        }));
        assertEquals("an hour later", virtual.runUntilComplete(Coroutine.of(() -> await(late))));
        assertEquals(3600.0, virtual.time(), 1e-6);
        virtual.close();
    }

    @Test
    void underWithVirtualTimeALoopOnReactorsSchedulerFollowsThenAwait() {
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        StepVerifier.withVirtualTime(() -> {
                    loop.set(CoReactor.eventLoop(Schedulers.single())); // the virtual-time scheduler here
                    return CoReactor.mono(loop.get(), () -> Coroutine.of(() -> {
                        await(sleep(Duration.ofHours(1)));
                        return "an hour later";
                    }));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(59))
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("an hour later")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        loop.get().close();
    }
}
