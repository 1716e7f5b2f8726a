package dev.coflow.internal.context;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import dev.coflow.stream.Publishers;
import io.micrometer.context.ContextRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Thread-locals registered with Micrometer's context-propagation flow like Python's contextvars: a task
 * sees its creator's values at every step, a generator its resumer's, a stream its subscriber's, a
 * threadsafe callback its scheduler's; on both engines, whichever thread runs the body, and nothing leaks
 * into the next step on the same thread.
 */
class ThreadLocalContextTest {

    private static final String KEY = "coflow.test.request";
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

    @BeforeAll
    static void register() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, REQUEST);
    }

    @AfterAll
    static void unregister() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @AfterEach
    void clear() {
        REQUEST.remove();
    }

    @Test
    void aTaskSeesItsCreatorsValueAtEveryStepAndChildTasksTheirOwn() {
        assertTrue(ThreadContext.enabled());
        List<String> seen = new CopyOnWriteArrayList<>();
        REQUEST.set("outer");
        Aio.run(Coroutine.of(() -> {
            seen.add("parent " + REQUEST.get());
            REQUEST.set("child");
            var child = createTask(Coroutine.of(() -> {
                seen.add("child " + REQUEST.get());
                await(sleep(Duration.ofSeconds(1)));
                seen.add("child " + REQUEST.get());
                return null;
            }));
            REQUEST.set("outer");
            var plain = createTask(Coroutine.of(() -> {
                seen.add("plain " + REQUEST.get());
                return null;
            }));
            await(sleep(Duration.ZERO));
            seen.add("parent " + REQUEST.get());
            await(gather(child, plain));
            seen.add("parent " + REQUEST.get());
            return null;
        }), EventLoop::createVirtualTime);
        assertEquals(List.of("parent outer", "child child", "plain outer", "parent outer", "child child",
                "parent outer"), seen);
        assertEquals("outer", REQUEST.get(), "the caller's own value is untouched");
    }

    @Test
    void aTaskCreatedWithoutAValueDoesNotSeeTheOneBefore() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.createVirtualTime();
        try {
            REQUEST.set("first");
            var first = loop.createTask(Coroutine.of(() -> {
                seen.add("first " + REQUEST.get());
                await(sleep(Duration.ZERO));
                seen.add("first " + REQUEST.get());
                return null;
            }));
            REQUEST.remove();
            var second = loop.createTask(Coroutine.of(() -> {
                seen.add("second " + REQUEST.get());
                await(sleep(Duration.ZERO));
                seen.add("second " + REQUEST.get());
                return null;
            }));
            loop.runUntilComplete(Coroutine.of(() -> await(gather(first, second))));
        } finally {
            loop.close();
        }
        assertEquals(List.of("first first", "second null", "first first", "second null"), seen);
        assertNull(REQUEST.get());
    }

    @Test
    void aGeneratorSeesItsResumersValueAtEachStep() {
        Generator<String, Void, Void> g = Generator.of(y -> {
            for (;;) {
                y.yield(String.valueOf(REQUEST.get()));
            }
        });
        REQUEST.set("a");
        assertEquals("a", g.next());
        REQUEST.set("b");
        assertEquals("b", g.next());
        REQUEST.remove();
        assertEquals("null", g.next());
        g.close();
    }

    @Test
    void aStreamSeesItsSubscribersValueInTheBodyAndInOnNext() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        REQUEST.set("subscriber");
        Publishers.<String>from(() -> Generator.of(y -> {
            for (int i = 0; i < 3; i++) {
                y.yield("body " + REQUEST.get());
            }
            return null;
        })).subscribe(new Subscriber<String>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                seen.add(item);
                seen.add("onNext " + REQUEST.get());
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        REQUEST.set("changed after subscribing");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add("body subscriber");
            expected.add("onNext subscriber");
        }
        assertEquals(expected, seen);
    }

    @Test
    void aThreadsafeCallbackRunsWithItsSchedulersValue() throws Exception {
        EventLoop loop = EventLoop.create();
        Thread runner = Thread.ofPlatform().start(loop::runForever);
        try {
            CompletableFuture<String> inCallback = new CompletableFuture<>();
            CompletableFuture<String> inTask = new CompletableFuture<>();
            REQUEST.set("request-7");
            loop.callSoonThreadsafe(() -> {
                inCallback.complete(String.valueOf(REQUEST.get()));
                loop.createTask(Coroutine.of(() -> {
                    await(sleep(Duration.ZERO));
                    inTask.complete(String.valueOf(REQUEST.get()));
                    return null;
                }));
            });
            assertEquals("request-7", inCallback.get(10, TimeUnit.SECONDS));
            assertEquals("request-7", inTask.get(10, TimeUnit.SECONDS), "a task created there copies it");
            CompletableFuture<String> later = new CompletableFuture<>();
            REQUEST.remove();
            loop.callSoonThreadsafe(() -> later.complete(String.valueOf(REQUEST.get())));
            assertEquals("null", later.get(10, TimeUnit.SECONDS), "nothing leaks to the next callback");
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join();
            loop.close();
        }
    }
}
