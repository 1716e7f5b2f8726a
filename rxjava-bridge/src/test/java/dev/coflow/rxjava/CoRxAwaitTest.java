package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code CoRx.await(single | maybe | completable)} inside coroutines. */
class CoRxAwaitTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void awaitSingleReturnsItsValue() {
        assertEquals("hi", loop.runUntilComplete(Coroutine.of(() -> CoRx.await(Single.just("hi")))));
    }

    @Test
    void awaitSingleThrowsItsErrorAsTheSameInstance() {
        IOException boom = new IOException("boom");
        IOException thrown = assertThrows(IOException.class,
                () -> loop.runUntilComplete(Coroutine.of(() -> CoRx.await(Single.<String>error(boom)))));
        assertSame(boom, thrown);
    }

    @Test
    void awaitMaybeReturnsItsValueOrNullWhenEmpty() {
        assertEquals(7, loop.runUntilComplete(Coroutine.of(() -> CoRx.await(Maybe.just(7)))));
        assertNull(loop.runUntilComplete(Coroutine.of(() -> CoRx.await(Maybe.<Integer>empty()))));
    }

    @Test
    void awaitCompletableReturnsOnCompleteAndThrowsOnError() {
        loop.runUntilComplete(Coroutine.of(() -> {
            CoRx.await(Completable.fromRunnable(() -> log.add("ran")));
            log.add("after");
            return null;
        }));
        assertEquals(List.of("ran", "after"), log);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
            CoRx.await(Completable.error(boom));
            return null;
        }))));
    }

    @Test
    void awaitSuspendsUntilASignalFromAnotherThreadAndResumesUnderTheLoop() throws Exception {
        try (LoopThread lt = new LoopThread()) {
            EventLoop resumedUnder = lt.loop.submit(Coroutine.of(() -> {
                String v = CoRx.await(Single.fromCallable(() -> "from io").subscribeOn(Schedulers.io()));
                assertEquals("from io", v);
                CoRx.await(Completable.timer(1, TimeUnit.MILLISECONDS, Schedulers.computation()));
                return Aio.getRunningLoop();
            })).get(10, TimeUnit.SECONDS);
            assertSame(lt.loop, resumedUnder, "after awaiting foreign-thread signals, the coroutine is back under its loop");
        }
    }

    @Test
    void cancellingTheAwaitingTaskDisposesTheRxSubscription() {
        Task<String> task = loop.createTask(Coroutine.of(() -> {
            try {
                return CoRx.await(Single.<String>never().doOnDispose(() -> log.add("disposed")));
            } catch (CancelledError e) {
                log.add("cancelled");
                throw e;
            }
        }));
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        loop.callSoon(task::cancel);
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        assertTrue(task.cancelled());
        assertEquals(List.of("disposed", "cancelled"), log,
                "the cancel disposed the subscription, then CancelledError reached the coroutine");
    }

    @Test
    void cancellingAMaybeOrCompletableAwaitDisposesToo() {
        Task<Object> task = loop.createTask(Coroutine.of(() -> {
            CoRx.await(Completable.never().doOnDispose(() -> log.add("completable disposed")));
            return CoRx.await(Maybe.never().doOnDispose(() -> log.add("maybe disposed")));
        }));
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        loop.callSoon(task::cancel);
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        assertEquals(List.of("completable disposed"), log);

        Task<Object> second = loop.createTask(Coroutine.of(() -> CoRx.await(
                Maybe.never().doOnDispose(() -> log.add("maybe disposed")))));
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        loop.callSoon(second::cancel);
        loop.runUntilComplete(sleep(Duration.ofSeconds(1)));
        assertEquals(List.of("completable disposed", "maybe disposed"), log);
    }

    @Test
    void rxTimeDrivenByATestSchedulerFromTheLoop() {
        TestScheduler rxTime = new TestScheduler();
        Task<String> task = loop.createTask(Coroutine.of(() -> {
            log.add("awaiting @" + loop.time());
            String v = CoRx.await(Single.timer(1, TimeUnit.HOURS, rxTime).map(t -> "an hour later"));
            log.add(v + " @" + loop.time());
            return v;
        }));
        // One loop second later, Rx time jumps an hour: the awaited Single fires and the coroutine resumes.
        loop.callLater(Duration.ofSeconds(1), () -> rxTime.advanceTimeBy(1, TimeUnit.HOURS));
        assertEquals("an hour later", loop.runUntilComplete(task));
        assertEquals(List.of("awaiting @0.0", "an hour later @1.0"), log);
    }

    @Test
    void awaitOutsideACoroutineIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CoRx.await(Single.just(1)));
        assertTrue(e.getMessage().startsWith("await used outside a coroutine"), e.getMessage());
    }
}
