package dev.coflow.stream;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class FuturePublisherTest {

    private final EventLoop loop = EventLoop.createVirtualTime();

    @Test
    void aTasksResultIsOneItemOnceRequested() {
        Task<String> task = loop.createTask(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(5)));
            return "done";
        }));
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        Publishers.from(task).subscribe(s);
        loop.runUntilComplete(task);
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> null))); // lets the done callback run
        assertEquals(List.of(), s.items(), "no item before a request");
        assertFalse(s.completed);
        s.request(1);
        assertEquals(List.of("done"), s.items());
        assertTrue(s.completed);
    }

    @Test
    void aRequestBeforeTheResultGetsItWhenItArrives() {
        Task<Integer> task = loop.createTask(Coroutine.of(() -> {
            await(sleep(Duration.ofHours(1)));
            return 7;
        }));
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        Publishers.from(task).subscribe(s);
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofHours(2)))));
        assertEquals(List.of(7), s.items());
        assertTrue(s.completed);
    }

    @Test
    void aNullResultCompletesEmptyWithoutDemand() {
        Task<Void> task = loop.createTask(Coroutine.of(() -> null));
        RecordingSubscriber<Void> s = new RecordingSubscriber<>(0);
        Publishers.from(task).subscribe(s);
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertTrue(s.completed, "a Task<Void> is an empty Publisher, like Mono<Void>");
        assertEquals(List.of(), s.items());
    }

    @Test
    void anExceptionOrACancellationIsOnErrorWithoutDemand() {
        IOException boom = new IOException("boom");
        Task<String> failing = loop.createTask(Coroutine.of(() -> {
            throw boom;
        }));
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel("stop");
        RecordingSubscriber<String> a = new RecordingSubscriber<>(0);
        RecordingSubscriber<String> b = new RecordingSubscriber<>(0);
        Publishers.from(failing).subscribe(a);
        Publishers.from(cancelled).subscribe(b);
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertSame(boom, a.error);
        assertInstanceOf(CancelledError.class, b.error);
        assertEquals("stop", b.error.getMessage());
    }

    @Test
    void everySubscriberGetsTheSameOutcomeAndCancellingOneDetachesOnlyIt() {
        Future<String> f = loop.createFuture();
        Publisher<String> p = Publishers.from(f);
        RecordingSubscriber<String> kept = new RecordingSubscriber<>(1);
        RecordingSubscriber<String> left = new RecordingSubscriber<>(1);
        p.subscribe(kept);
        p.subscribe(left);
        left.cancel();
        loop.callSoon(() -> f.setResult("shared"));
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertEquals(List.of("shared"), kept.items());
        assertEquals(List.of(), left.items());
        assertFalse(left.completed);
        assertFalse(f.cancelled(), "cancelling a subscription does not cancel the future");
    }

    @Test
    void requestOfZeroIsOnErrorIllegalArgument() {
        Future<String> f = loop.createFuture();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        Publishers.from(f).subscribe(s);
        s.request(0);
        assertInstanceOf(IllegalArgumentException.class, s.error);
        loop.callSoon(() -> f.setResult("late"));
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertEquals(0, s.signalsAfterTerminal.get());
        assertEquals(List.of(), s.items());
    }

    @Test
    void aTaskPublisherIsAwaitableInsideACoroutine() {
        Task<String> inner = loop.createTask(Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(3)));
            return "inner";
        }));
        String got = loop.runUntilComplete(Coroutine.of(() -> await(Publishers.from(inner))));
        assertEquals("inner", got);
    }

    @Test
    void aTaskIsItselfAOneItemPublisher() {
        Task<String> task = loop.createTask(Coroutine.of(() -> "itself"));
        Publisher<String> p = task;
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        p.subscribe(s);
        loop.runUntilComplete(Coroutine.of(() -> await(sleep(Duration.ofSeconds(1)))));
        assertEquals(List.of("itself"), s.items());
        assertTrue(s.completed);
    }

    @Test
    void afterTheLoopClosedTheOutcomeIsReadDirectly() {
        Task<String> task = loop.createTask(Coroutine.of(() -> "kept"));
        loop.runUntilComplete(task);
        loop.close();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        Publishers.from(task).subscribe(s);
        assertEquals(List.of("kept"), s.items());
        assertTrue(s.completed);
    }
}
