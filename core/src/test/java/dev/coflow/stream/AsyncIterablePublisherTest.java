package dev.coflow.stream;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.AsyncIterable;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.GeneratorExit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class AsyncIterablePublisherTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    /** Every second, yields 0, 1, 2, ... up to {@code count}; logs its steps and how it ended. */
    private AsyncIterable<Integer> ticks(int count) {
        return () -> AsyncGenerator.of(y -> {
            try {
                for (int i = 0; i < count; i++) {
                    await(sleep(Duration.ofSeconds(1)));
                    log.add("yield " + i + " at " + loop.time());
                    y.yield(i);
                }
            } catch (CancelledError | GeneratorExit e) {
                log.add(e.getClass().getSimpleName());
                throw e;
            } finally {
                await(sleep(Duration.ofSeconds(1))); // a finally block may await
                log.add("finally at " + loop.time());
            }
        });
    }

    /** Runs {@code steps} in a coroutine on the virtual-time loop. */
    private void onLoop(Consumer<EventLoop> steps) {
        loop.runUntilComplete(Coroutine.of(() -> {
            steps.accept(loop);
            return null;
        }));
    }

    private static void pause(double seconds) {
        await(sleep(Duration.ofMillis((long) (seconds * 1000))));
    }

    @Test
    void theBodyRunsExactlyAsFarAsRequestedThenCompletes() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
        onLoop(l -> {
            Publishers.from(l, ticks(5)).subscribe(s);
            pause(10);
            assertEquals(List.of(), log, "nothing runs before a request");
            s.request(3);
            pause(10);
            assertEquals(List.of(0, 1, 2), s.items());
            assertEquals(List.of("yield 0 at 11.0", "yield 1 at 12.0", "yield 2 at 13.0"), log,
                    "the body yielded exactly 3 items and waits at the third yield");
            s.request(Long.MAX_VALUE);
            pause(10);
        });
        assertEquals(List.of(0, 1, 2, 3, 4), s.items());
        assertTrue(s.completed);
        assertEquals("finally at 23.0", log.get(log.size() - 1));
    }

    @Test
    void cancelWhileTheBodyAwaitsRaisesCancelledErrorThereAndItsFinallyRuns() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        onLoop(l -> {
            Publishers.from(l, ticks(100)).subscribe(s);
            pause(2.5);
            s.cancel();
            pause(10);
        });
        assertEquals(List.of(0, 1), s.items());
        assertEquals(List.of("yield 0 at 1.0", "yield 1 at 2.0", "CancelledError", "finally at 3.5"), log);
        assertFalse(s.completed);
        assertNull(s.error);
    }

    @Test
    void cancelWhileTheBodyWaitsAtAYieldClosesItWithGeneratorExit() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
        onLoop(l -> {
            Publishers.from(l, ticks(100)).subscribe(s);
            pause(5);
            s.cancel();
            pause(10);
        });
        assertEquals(List.of(0), s.items());
        assertEquals(List.of("yield 0 at 1.0", "GeneratorExit", "finally at 6.0"), log);
    }

    @Test
    void theBodysExceptionIsOnErrorWithTheSameInstanceAndANullIsNamed() {
        IOException boom = new IOException("boom");
        RecordingSubscriber<Integer> failing = new RecordingSubscriber<>(10);
        RecordingSubscriber<Integer> nulls = new RecordingSubscriber<>(10);
        onLoop(l -> {
            Publishers.<Integer>from(l, () -> AsyncGenerator.of(y -> {
                y.yield(1);
                await(sleep(Duration.ofSeconds(1)));
                throw boom;
            })).subscribe(failing);
            Publishers.<Integer>from(l, () -> AsyncGenerator.of(y -> y.yield(null))).subscribe(nulls);
            pause(5);
        });
        assertEquals(List.of(1), failing.items());
        assertSame(boom, failing.error);
        assertInstanceOf(NullPointerException.class, nulls.error);
        assertTrue(nulls.error.getMessage().contains("§2.13"), nulls.error.getMessage());
    }

    @Test
    void aLambdaIterableIsColdAnAsyncGeneratorObjectIsItsOwnSingleUseIterable() {
        RecordingSubscriber<Integer> a = new RecordingSubscriber<>(Long.MAX_VALUE);
        RecordingSubscriber<Integer> b = new RecordingSubscriber<>(Long.MAX_VALUE);
        onLoop(l -> {
            Publisher<Integer> cold = Publishers.from(l, ticks(2));
            cold.subscribe(a);
            cold.subscribe(b);
            pause(10);
        });
        assertEquals(List.of(0, 1), a.items());
        assertEquals(List.of(0, 1), b.items());

        AsyncGenerator<Integer> one = AsyncGenerator.of(y -> {
            y.yield(7);
            y.yield(8);
        });
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>(1);
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>(Long.MAX_VALUE);
        onLoop(l -> {
            Publishers.from(l, one).subscribe(first);
            pause(1);
            first.cancel(); // closes the generator
            pause(1);
            Publishers.from(l, one).subscribe(second);
            pause(1);
        });
        assertEquals(List.of(7), first.items());
        assertEquals(List.of(), second.items(), "the same generator, closed by the first subscriber's cancel");
        assertTrue(second.completed);
    }

    @Test
    void requestOfZeroIsOnErrorIllegalArgumentAndTheGeneratorIsClosed() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
        onLoop(l -> {
            Publishers.from(l, ticks(100)).subscribe(s);
            pause(3);
            s.request(0);
            pause(3);
        });
        assertEquals(List.of(0), s.items());
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, s.error);
        assertTrue(e.getMessage().contains("3.9"));
        assertEquals(List.of("yield 0 at 1.0", "GeneratorExit", "finally at 4.0"), log);
    }

    @Test
    void requestsFromOnNextAreAddedNotRecursed() {
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1, (sub, item) -> sub.request(1));
        onLoop(l -> {
            Publishers.<Integer>from(l, () -> AsyncGenerator.of(y -> {
                for (int i = 0; i < 2000; i++) {
                    y.yield(i);
                }
            })).subscribe(s);
            pause(1);
        });
        assertEquals(2000, s.items().size());
        assertTrue(s.completed);
    }
}
