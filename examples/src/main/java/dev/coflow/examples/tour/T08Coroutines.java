package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.getcoroutinestate;
import static dev.coflow.examples.tour.Py.isinstance;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.repr;
import static dev.coflow.examples.tour.Py.typeName;

import dev.coflow.aio.Aio;
import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.gen.Generator;
import dev.coflow.gen.StopIteration;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * Topic 08, defining coroutines (seed: 1. 如何定义/创建协程, the two ways): an {@code async def} function
 * is a method returning a {@link Coroutine}, created with {@code Coroutine.of}; calling it runs nothing.
 * The seed's second way, the generator-based {@code @asyncio.coroutine}, was removed in Python 3.11
 * ({@code @types.coroutine} remains); Coflow's closest equivalent is a {@link Generator} that yields what
 * it waits for, driven by a coroutine that awaits each yielded awaitable, as asyncio's Task drives one.
 * A body that both awaits and yields is an {@link AsyncGenerator}. Like Python's, a coroutine can be
 * driven by hand with {@code send(null)}, its result arriving in {@link StopIteration}.
 *
 * <p>Three lines differ from CPython's output (see {@code seed/08-coroutines.java.out}): there is no
 * {@code coroutine} decorator to look up; a generator is not awaitable
 * in Coflow (Python's {@code @types.coroutine} makes it so); and a plain generator that tries to wait
 * fails at its {@code await}, with Coflow's message.
 *
 * <pre>{@code
 * static Coroutine<String> hello(String name) {       // async def hello(name):
 *     return Coroutine.of(() -> { print("Hello,", name); return "hello done"; });
 * }
 * }</pre>
 */
public final class T08Coroutines {
    private T08Coroutines() {}

    // Way 1: async def. hello is a *coroutine function*; calling it gives a coroutine object.
    static Coroutine<String> hello(String name) {
        return Coroutine.of("hello", () -> {
            print("Hello,", name);
            return "hello done";
        });
    }

    // inspect.iscoroutinefunction: in Java, a method that returns a Coroutine
    static boolean iscoroutinefunction(String name) {
        for (Method m : T08Coroutines.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m.getReturnType() == Coroutine.class;
            }
        }
        throw new IllegalArgumentException("no function " + name);
    }

    // inspect.isawaitable: what await() takes
    static boolean isawaitable(Object o) {
        return o instanceof Coroutine<?> || o instanceof Future<?> || o instanceof CompletionStage<?>
                || o instanceof Publisher<?>;
    }

    // The generator-based coroutine (Python: @types.coroutine): a generator that hands what it waits for
    // to whoever drives it (Python: yield from asyncio.sleep(1)).
    static Generator<Object, Object, String> helloGen(String name) {
        return Generator.of(y -> {
            print("Hello from a generator-based coroutine,", name);
            y.yield(sleep(Duration.ofSeconds(1)));
            return "gen done";
        });
    }

    // What asyncio's Task does with a generator-based coroutine: await each thing it yields and send the
    // result back in, until it returns.
    @SuppressWarnings("unchecked") // the generator's return value is its StopIteration's value
    static <R> Coroutine<R> drive(Generator<Object, Object, R> gen) {
        return Coroutine.of("drive", () -> {
            Object sent = null;
            while (true) {
                Object awaitable;
                try {
                    awaitable = gen.send(sent);
                } catch (StopIteration end) {
                    return (R) end.value();
                }
                sent = await(Objects.requireNonNull(awaitable, "a generator-based coroutine yields what it waits for"));
            }
        });
    }

    static Coroutine<String> main() {
        // an async def can await the generator-based coroutine
        return Coroutine.of("main", () -> await(drive(helloGen("asyncio"))));
    }

    // Without the decorator, a plain generator may not wait for a coroutine: only a coroutine body awaits.
    static Generator<Object, Object, Void> plainGen(Coroutine<?> coro) {
        return Generator.of(y -> {
            await(coro);
            return null;
        });
    }

    // async def with a yield inside is an async generator, not a coroutine.
    static AsyncGenerator<Integer> ticker() {
        return AsyncGenerator.of("ticker", y -> y.yield(1));
    }

    /** Prints what {@code seed/08-coroutines.py} prints (four lines differ, see the class comment). */
    public static void main(String[] args) {
        Coroutine<String> coroutine = hello("World");          // runs nothing yet
        print("type:", typeName(coroutine));
        print("iscoroutinefunction(hello):", iscoroutinefunction("hello"));
        print("isinstance Coroutine:", isinstance(coroutine, Coroutine.class));
        print("isinstance Awaitable:", isawaitable(coroutine));
        print("isinstance Generator:", isinstance(coroutine, Generator.class));
        print("isinstance Iterable:", isinstance(coroutine, Iterable.class));
        print("state:", getcoroutinestate(coroutine));
        print("asyncio.run ->", run(coroutine));
        print("state:", getcoroutinestate(coroutine));

        // A coroutine is driven like a generator: send(null) runs it, StopIteration carries the result.
        coroutine = hello("by hand");
        try {
            coroutine.send(null);
        } catch (StopIteration e) {
            print("StopIteration.value =", repr(e.value()));
        }

        // Way 2 in the seed: @asyncio.coroutine. Removed in Python 3.11, and Coflow never had one.
        try {
            Aio.class.getMethod("coroutine");
        } catch (NoSuchMethodException e) {
            print("@asyncio.coroutine: NoSuchMethodException:", e.getMessage());
        }
        print("@asyncio.coroutine was removed in Python 3.11; use async def, or @types.coroutine for generator-based code");

        Generator<Object, Object, String> genCoro = helloGen("World");
        print("type:", typeName(genCoro));
        print("isinstance Generator:", isinstance(genCoro, Generator.class));
        print("isinstance Coroutine:", isinstance(genCoro, Coroutine.class));
        print("inspect.isawaitable:", isawaitable(genCoro));
        genCoro.close();

        print("asyncio.run ->", run(main(), EventLoop::createVirtualTime));

        Coroutine<@Nullable Void> sleeper = sleep(Duration.ofSeconds(1));
        try {
            plainGen(sleeper).next();
        } catch (IllegalStateException e) {
            print("plain generator: IllegalStateException:", e.getMessage());
        }
        sleeper.close();   // never awaited: close it so Coflow does not warn

        print("async def + yield:", typeName(ticker()), "iscoroutinefunction:", iscoroutinefunction("ticker"));
    }
}
