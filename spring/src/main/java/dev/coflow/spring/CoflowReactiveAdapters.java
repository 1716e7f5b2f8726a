package dev.coflow.spring;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.aio.PublisherIterator;
import dev.coflow.aio.StopAsyncIteration;
import dev.coflow.gen.Generator;
import dev.coflow.reactor.CoReactor;
import dev.coflow.stream.Publishers;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registers Coflow's types with a Spring {@link ReactiveAdapterRegistry}, so that Spring WebFlux (and
 * every Spring component that consults the registry) takes them wherever it takes a {@code Flux} or a
 * {@code Mono}, as Spring does for Kotlin's {@code Flow} and {@code suspend} functions: a controller
 * method may return a {@link Generator}, an {@link AsyncGenerator}, a {@link Coroutine}, a
 * {@link dev.coflow.aio.Task} or a {@link Future} directly. Spring Boot applications get this from {@link CoflowAutoConfiguration}.
 *
 * <table>
 * <caption>What each type becomes</caption>
 * <tr><th>type</th><th>descriptor</th><th>as a Publisher</th></tr>
 * <tr><td>{@code Generator<T, ?, ?>}</td><td>multi-value, deferred</td><td>{@link CoReactor#flux}:
 *     pulled as far as the HTTP client reads, closed (its {@code finally} runs) when the client goes</td></tr>
 * <tr><td>{@code AsyncGenerator<T>}</td><td>multi-value, deferred</td><td>{@code CoReactor.flux(loop,
 *     agen)}: the body runs on the event loop, only while the client's demand lasts, and may await between
 *     yields; cancelling raises {@code CancelledError} at its await or closes it at its yield</td></tr>
 * <tr><td>{@code Coroutine<T>}</td><td>single optional value, deferred</td><td>{@link CoReactor#mono}:
 *     subscribing makes it a task on the event loop; cancelling cancels the task ({@code CancelledError}
 *     at its {@code await}); {@code CoReactor.context()} reads the subscriber's Reactor context</td></tr>
 * <tr><td>{@code Future<T>}, {@code Task<T>}</td><td>single optional value, already running</td><td>its
 *     outcome ({@link Publishers#from(Future)}); cancelling only detaches: a task is hot and may be
 *     shared by many requests, so one client going away must not cancel it for the others (return a
 *     {@code Coroutine} for work that belongs to one request: that one is cancelled)</td></tr>
 * </table>
 *
 * <p>A generator runs on a virtual thread of its stream's own, never on the Netty thread that requests
 * its items, so a body that blocks holds no event loop; a coroutine or an async generator runs on the event loop given here, where
 * {@code await} never blocks. Each object runs once, as in Python: Spring subscribes once per request; a
 * second subscription to a {@code Generator} or {@code Coroutine} fails with a clear error, and one to an
 * {@code AsyncGenerator} finds it where the first left it (exhausted, as Python's would be).
 *
 * <p>Thread-safety: {@link #registerWith} is as thread-safe as the registry (Spring's is); the adapters
 * it registers may be used from any thread.
 *
 * <pre>{@code
 * ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();
 * EventLoopThread background = EventLoopThread.start("coflow-loop");
 * CoflowReactiveAdapters.registerWith(registry, background::loop);
 *
 * Generator<String, Void, Void> words = Generator.of(y -> { y.yield("a"); y.yield("b"); return null; });
 * Flux.from(registry.getAdapter(Generator.class).toPublisher(words));   // a, b
 * }</pre>
 */
public final class CoflowReactiveAdapters {

    private CoflowReactiveAdapters() {}

    /**
     * Registers {@link Generator}, {@link AsyncGenerator}, {@link Coroutine} and {@link Future} (hence {@link dev.coflow.aio.Task})
     * with {@code registry}, ahead of any adapter registered for them before (a second registration
     * replaces the first).
     *
     * @param registry the registry to add to, e.g. WebFlux's {@code webFluxAdapterRegistry} bean
     * @param loops gives the event loop on which a returned {@code Coroutine} or {@code AsyncGenerator}
     *     runs; asked once per subscription, from the subscribing thread
     */
    public static void registerWith(ReactiveAdapterRegistry registry, Supplier<EventLoop> loops) {
        Objects.requireNonNull(registry, "registerWith(registry, loops): registry must not be null");
        Objects.requireNonNull(loops, "registerWith(registry, loops): loops must not be null");
        registry.registerReactiveTypeOverride(
                ReactiveTypeDescriptor.multiValue(Generator.class, CoflowReactiveAdapters::emptyGenerator),
                source -> generatorFlux((Generator<?, ?, ?>) source),
                CoflowReactiveAdapters::blockingGenerator);
        registry.registerReactiveTypeOverride(
                ReactiveTypeDescriptor.multiValue(AsyncGenerator.class, CoflowReactiveAdapters::emptyAsyncGenerator),
                source -> Flux.defer(() -> CoReactor.flux(loops.get(), (AsyncGenerator<?>) source)),
                CoflowReactiveAdapters::iteratingAsyncGenerator);
        registry.registerReactiveTypeOverride(
                ReactiveTypeDescriptor.singleOptionalValue(Coroutine.class, () -> Coroutine.of(() -> null)),
                source -> coroutineMono((Coroutine<?>) source, loops),
                CoflowReactiveAdapters::awaitingCoroutine);
        registry.registerReactiveTypeOverride(
                ReactiveTypeDescriptor.nonDeferredAsyncValue(Future.class, () -> doneFuture(loops.get())),
                source -> Publishers.from((Future<?>) source),
                Aio::ensureFuture);
    }

    private static Generator<?, ?, ?> emptyGenerator() {
        return Generator.of(y -> null);
    }

    /** One subscription runs the generator; a second one gets a clear error instead of a shared body. */
    private static Flux<?> generatorFlux(Generator<?, ?, ?> generator) {
        AtomicReference<@Nullable Generator<?, ?, ?>> once = new AtomicReference<>(generator);
        return CoReactor.flux(() -> {
            Generator<?, ?, ?> g = once.getAndSet(null);
            if (g == null) {
                throw new IllegalStateException("This Generator was subscribed to already: a generator runs"
                        + " once, as in Python; return CoReactor.flux(() -> Generator.of(...)) to stream it to"
                        + " several subscribers");
            }
            return g;
        });
    }

    /**
     * A generator iterating {@code publisher}: Python has no such thing (a {@code for} loop cannot iterate
     * an async iterable), so each {@code next()} blocks until the item arrives (Reactor refuses that on a
     * non-blocking thread, with its own message). Closing the generator cancels the subscription.
     */
    private static Generator<?, ?, ?> blockingGenerator(Publisher<?> publisher) {
        return Generator.of(y -> {
            try (Stream<?> items = Flux.from(publisher).toStream()) {
                for (Iterator<?> it = items.iterator(); it.hasNext(); ) {
                    y.yield(it.next());
                }
            }
            return null;
        });
    }

    private static AsyncGenerator<?> emptyAsyncGenerator() {
        return AsyncGenerator.of(y -> {});
    }

    /**
     * Python's {@code async def agen(): async for item in publisher: yield item}: iterates the publisher
     * with bounded prefetch ({@link Aio#iterate}); closing the generator cancels the subscription.
     */
    private static AsyncGenerator<?> iteratingAsyncGenerator(Publisher<?> publisher) {
        return AsyncGenerator.of(y -> {
            try (PublisherIterator<?> items = Aio.iterate(publisher)) {
                for (;;) {
                    Object item;
                    try {
                        item = Aio.await(items.anext());
                    } catch (StopAsyncIteration end) {
                        return;
                    }
                    y.yield(item);
                }
            }
        });
    }

    /**
     * Subscribing makes the coroutine a task on a loop, with the subscriber's Reactor context readable
     * through {@code CoReactor.context()}; cancelling the subscription cancels the task. A second
     * subscription fails as Python does: "cannot reuse already awaited coroutine".
     *
     * <p>A subscriber that cancels before the loop made the task (a client that hangs up at once) leaves
     * a coroutine that no task will ever run: it is closed unstarted, as a framework that drops the
     * coroutine it was handed would {@code close()} it, so that it is not reported as never awaited.
     */
    private static Mono<?> coroutineMono(Coroutine<?> coro, Supplier<EventLoop> loops) {
        return Mono.defer(() -> {
            EventLoop loop = loops.get();
            AtomicBoolean handedOver = new AtomicBoolean();
            return CoReactor.mono(loop, () -> {
                handedOver.set(true);
                return coro;
            }).doOnCancel(() -> loop.offerThreadsafe(() -> {
                // A cancel that follows the subscription posts this after the start (FIFO on the loop):
                // if that start did not take the coroutine, nothing ever will. (One that races the
                // subscription itself may come first; the start then finds the coroutine closed and
                // fails a subscriber that has already gone.)
                if (!handedOver.get()) {
                    coro.close();
                }
            }));
        });
    }

    /** Python's {@code async def f(): return await publisher}: the coroutine awaits a 0..1-item Publisher. */
    private static Coroutine<?> awaitingCoroutine(Publisher<?> publisher) {
        return Coroutine.of(() -> Aio.await(publisher));
    }

    /** Spring's "empty value" of an asyncio future: one done with {@code None}. */
    private static Future<?> doneFuture(EventLoop loop) {
        Future<@Nullable Object> f = loop.createFuture();
        f.setResult(null); // safe off the loop's thread: a new future has no callbacks to schedule
        return f;
    }
}
