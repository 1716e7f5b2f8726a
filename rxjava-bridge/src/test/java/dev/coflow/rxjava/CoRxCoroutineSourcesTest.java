package dev.coflow.rxjava;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.BackgroundLoop;
import dev.coflow.aio.CancelledError;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.EventLoopClosedError;
import dev.coflow.aio.Task;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code CoRx.single/maybe/completable} from coroutines and tasks. */
class CoRxCoroutineSourcesTest {

    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();
    private RxPluginsErrors undeliverable;

    @BeforeEach
    void captureRxErrors() {
        undeliverable = new RxPluginsErrors();
    }

    @AfterEach
    void resetRxPlugins() {
        undeliverable.reset();
        loop.close();
    }

    /** Runs the loop until {@code delay} of (virtual) time has passed. */
    private void runFor(Duration delay) {
        loop.runUntilComplete(sleep(delay));
    }

    /** A coroutine that logs its steps, sleeps an hour, and returns {@code result}. */
    private <T> Coroutine<T> sleeper(@Nullable T result) {
        return Coroutine.of(() -> {
            log.add("start @" + loop.time());
            try {
                await(sleep(Duration.ofHours(1)));
                log.add("end @" + loop.time());
                return result;
            } catch (CancelledError e) {
                log.add("cancelled @" + loop.time());
                throw e;
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void singleRunsAFreshCoroutinePerSubscriptionOnTheLoop() {
        AtomicInteger made = new AtomicInteger();
        Single<String> single = CoRx.single(loop, () -> {
            made.incrementAndGet();
            return sleeper("done");
        });
        assertEquals(0, made.get(), "assembling runs nothing");
        TestObserver<String> first = single.test();
        TestObserver<String> second = single.test();
        assertEquals(0, made.get(), "the coroutine is made on the loop's thread, when the loop runs");
        runFor(Duration.ofHours(2));
        first.assertResult("done");
        second.assertResult("done");
        assertEquals(2, made.get(), "one coroutine per subscription");
        assertEquals(List.of("start @0.0", "start @0.0", "end @3600.0", "finally", "end @3600.0", "finally"), log);
    }

    @Test
    void x1_disposeCancelsTheTaskAtItsAwaitAndFinallyRuns() {
        TestObserver<String> to = CoRx.single(loop, () -> sleeper("never")).test();
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of("start @0.0"), log, "suspended at its await");
        to.dispose();
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of("start @0.0", "cancelled @1.0", "finally"), log);
        to.assertEmpty();
        assertEquals(List.of(), undeliverable.errors(), "the cancellation caused by dispose is not an error");
    }

    @Test
    void x5_disposedBeforeTheLoopRunsTheBodyNeverRuns() {
        AtomicInteger made = new AtomicInteger();
        TestObserver<String> to = CoRx.single(loop, () -> {
            made.incrementAndGet();
            return sleeper("never");
        }).test();
        to.dispose();
        runFor(Duration.ofHours(2));
        assertEquals(0, made.get(), "no coroutine was made, so none is left never awaited");
        assertEquals(List.of(), log);
        to.assertEmpty();
    }

    @Test
    void theCoroutinesExceptionIsOnErrorWithTheSameInstance() {
        IOException boom = new IOException("no route to host");
        TestObserver<String> to = CoRx.<String>single(loop, () -> Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(1)));
            throw boom;
        })).test();
        runFor(Duration.ofSeconds(2));
        to.assertError(e -> e == boom);
    }

    @Test
    void anErrorAfterDisposeGoesToRxJavaPlugins() {
        IOException cleanupFailed = new IOException("cleanup failed");
        TestObserver<String> to = CoRx.<String>single(loop, () -> Coroutine.of(() -> {
            try {
                await(sleep(Duration.ofHours(1)));
                return "never";
            } catch (CancelledError e) {
                throw cleanupFailed;
            }
        })).test();
        runFor(Duration.ofSeconds(1));
        to.dispose();
        runFor(Duration.ofSeconds(1));
        to.assertEmpty();
        assertEquals(List.of(cleanupFailed), undeliverable.errors());
    }

    @Test
    void aNullResultFailsASingleWithAClearMessage() {
        TestObserver<String> to = CoRx.<String>single(loop, () -> Coroutine.of(() -> null)).test();
        runFor(Duration.ZERO);
        to.assertError(e -> e instanceof NullPointerException
                && e.getMessage().startsWith("CoRx.single(loop, coroutines): the coroutine returned null")
                && e.getMessage().contains("CoRx.maybe"));
    }

    @Test
    void maybeSucceedsWithAValueAndCompletesEmptyOnNull() {
        TestObserver<String> value = CoRx.maybe(loop, () -> sleeper("found")).test();
        TestObserver<String> empty = CoRx.<String>maybe(loop, () -> sleeper(null)).test();
        runFor(Duration.ofHours(2));
        value.assertResult("found");
        empty.assertResult();
    }

    @Test
    void maybeDisposeCancelsTheTask() {
        TestObserver<String> to = CoRx.maybe(loop, () -> sleeper("never")).test();
        runFor(Duration.ofSeconds(1));
        to.dispose();
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of("start @0.0", "cancelled @1.0", "finally"), log);
    }

    @Test
    void completableCompletesWhenTheCoroutineReturnsAndIgnoresTheResult() {
        TestObserver<Void> done = CoRx.completable(loop, () -> sleeper(42)).test();
        IllegalStateException boom = new IllegalStateException("boom");
        TestObserver<Void> failed = CoRx.completable(loop, () -> Coroutine.of(() -> {
            throw boom;
        })).test();
        runFor(Duration.ofHours(2));
        done.assertResult();
        failed.assertError(e -> e == boom);
    }

    @Test
    void completableDisposeCancelsTheTask() {
        TestObserver<Void> to = CoRx.completable(loop, () -> sleeper(null)).test();
        runFor(Duration.ofSeconds(1));
        to.dispose();
        runFor(Duration.ofSeconds(1));
        assertEquals(List.of("start @0.0", "cancelled @1.0", "finally"), log);
    }

    @Test
    void aTaskIsSharedByItsSubscribersAndDisposeCancelsIt() {
        Task<String> task = loop.createTask(sleeper("shared"));
        TestObserver<String> a = CoRx.single(task).test();
        TestObserver<String> b = CoRx.maybe(task).test();
        TestObserver<Void> c = CoRx.completable(task).test();
        runFor(Duration.ofHours(2));
        a.assertResult("shared");
        b.assertResult("shared");
        c.assertResult();
        assertEquals(List.of("start @0.0", "end @3600.0", "finally"), log, "one task, run once");

        Task<String> other = loop.createTask(sleeper("never"));
        TestObserver<String> d = CoRx.single(other).test();
        runFor(Duration.ofSeconds(1));
        d.dispose();
        runFor(Duration.ofSeconds(1));
        assertTrue(other.cancelled(), "disposing cancelled the task");
        assertEquals("finally", log.get(log.size() - 1));
    }

    @Test
    void aTaskCancelledByOthersIsOnErrorCancelledError() {
        Task<String> task = loop.createTask(sleeper("never"));
        TestObserver<String> to = CoRx.single(task).test();
        runFor(Duration.ofSeconds(1));
        loop.callSoon(() -> task.cancel("shutting down"));
        runFor(Duration.ofSeconds(1));
        to.assertError(e -> e instanceof CancelledError c && c.args().equals(List.of("shutting down")));
    }

    @Test
    void withoutALoopTheRunningLoopIsUsed() {
        Single<Double> now = CoRx.single(() -> Coroutine.of(() -> {
            await(sleep(Duration.ofSeconds(3)));
            return loop.time();
        }));
        assertEquals(3.0, loop.runUntilComplete(Coroutine.of(() -> CoRx.await(now))));
        // behind subscribeOn(CoRx.scheduler(loop)), the subscription happens on the loop too
        TestObserver<Double> to = now.subscribeOn(CoRx.scheduler(loop)).test();
        runFor(Duration.ofSeconds(5));
        to.assertResult(6.0);
    }

    @Test
    void withoutALoopOutsideAnyLoopTheSharedDaemonLoopRunsTheCoroutine() {
        Single<String> where = CoRx.single(() -> Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(1)));
            return "ran";
        })).map(v -> v + " on " + Thread.currentThread().getName());
        assertEquals("ran on coflow-background-loop", where.blockingGet());
        assertEquals("empty", CoRx.<String>maybe(() -> Coroutine.of(() -> null)).blockingGet("empty"));
        assertTrue(CoRx.completable(() -> Coroutine.of(() -> null)).blockingAwait(10, TimeUnit.SECONDS));
    }

    @Test
    void afterTheSharedLoopIsShutDownTheNextSingleRunsOnAFreshOne() {
        Single<EventLoop> where = CoRx.single(() -> Coroutine.of(() -> {
            await(sleep(Duration.ofMillis(1)));
            return Aio.getRunningLoop();
        }));
        EventLoop first = where.blockingGet();
        assertSame(BackgroundLoop.shared(), first);

        BackgroundLoop.shutdown();

        assertTrue(first.isClosed());
        EventLoop second = where.blockingGet();
        assertNotSame(first, second);
        assertSame(BackgroundLoop.shared(), second);
    }

    @Test
    void aClosedLoopIsAClearErrorButATaskDoneBeforeStillGivesItsOutcome() {
        Task<String> done = loop.createTask(sleeper("done before close"));
        Task<Object> pending = loop.createTask(Coroutine.of(() -> await(sleep(Duration.ofHours(5)))));
        loop.runUntilComplete(done);
        loop.close();
        CoRx.single(loop, () -> sleeper("never")).test().assertError(e -> e instanceof IllegalStateException
                && e.getMessage().equals("CoRx.single(loop, coroutines): the event loop is closed, so the coroutine"
                        + " cannot run; subscribe while the loop is open")
                && e.getCause() instanceof EventLoopClosedError);
        CoRx.single(done).test().assertResult("done before close");
        // close() ended the pending task as cancelled, so its finally blocks ran (EventLoop.close)
        CoRx.completable(pending).test().assertError(e -> e instanceof dev.coflow.aio.CancelledError
                && e.getMessage().equals("the event loop was closed with the task pending"));
    }

    @Test
    void aSupplierHandingOutTheSameCoroutineTwiceFailsTheSecondSubscriber() {
        Coroutine<String> once = sleeper("first");
        Single<String> single = CoRx.single(loop, () -> once);
        TestObserver<String> first = single.test();
        TestObserver<String> second = single.test();
        runFor(Duration.ofHours(2));
        first.assertResult("first");
        second.assertError(e -> e instanceof IllegalStateException
                && e.getMessage().equals("cannot reuse already awaited coroutine"));
    }

    @Test
    void aSupplierReturningNullIsAClearError() {
        TestObserver<String> to = CoRx.<String>single(loop, () -> null).test();
        runFor(Duration.ZERO);
        to.assertError(e -> e instanceof NullPointerException
                && e.getMessage().contains("the coroutine supplier returned null"));
    }

    @Test
    void rxOperatorsComposeWithCoroutineSources() {
        TestObserver<String> to = CoRx.single(loop, () -> sleeper("slow"))
                .timeout(10, TimeUnit.MINUTES, CoRx.scheduler(loop), Single.just("fallback"))
                .test();
        runFor(Duration.ofHours(2));
        to.assertResult("fallback");
        assertEquals(List.of("start @0.0", "cancelled @600.0", "finally"), log,
                "the timeout disposed the coroutine's Single, which cancelled the task");
    }

    @Test
    void subscribingFromAnotherThreadRunsTheCoroutineOnTheLoopAndSignalsOnItsThread() throws Exception {
        try (LoopThread lt = new LoopThread()) {
            // The body runs under the loop (on the virtual-thread engine, on a fiber the loop drives);
            // the outcome is signalled from the loop's own thread.
            Single<Thread> single = CoRx.single(lt.loop, () -> Coroutine.of(Aio::getRunningLoop))
                    .doOnSuccess(running -> assertSame(lt.loop, running))
                    .map(running -> Thread.currentThread());
            assertSame(lt.callbackThread(), single.subscribeOn(Schedulers.io()).blockingGet());
            Maybe<Thread> maybe = CoRx.maybe(lt.loop, () -> Coroutine.of(Aio::getRunningLoop))
                    .map(running -> Thread.currentThread());
            assertSame(lt.callbackThread(), maybe.blockingGet());
            Completable c = CoRx.completable(lt.loop, () -> Coroutine.of(() -> null));
            assertTrue(c.blockingAwait(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNullSupplierOrLoopIsRejectedAtAssembly() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> CoRx.single(loop, null));
        assertTrue(e.getMessage().contains("pass a supplier of new coroutines"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> CoRx.maybe(null, () -> sleeper(1)));
        assertEquals("CoRx.maybe(loop, ...): loop must not be null", e.getMessage());
    }
}
