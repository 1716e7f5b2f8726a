package dev.coflow.examples.tour;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.createTask;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.getRunningLoop;
import static dev.coflow.aio.Aio.run;
import static dev.coflow.aio.Aio.sleep;
import static dev.coflow.examples.tour.Py.list;
import static dev.coflow.examples.tour.Py.print;
import static dev.coflow.examples.tour.Py.round;
import static dev.coflow.examples.tour.Py.typeName;

import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.gen.Generator;
import dev.coflow.gen.StopIteration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Topic 10, {@code await} against {@code yield from} (seed: 4. await与yield对比): {@code yield from}
 * takes any iterable ({@link dev.coflow.gen.Yielder#yieldAll}); {@code await} takes only awaitables: a
 * {@link Coroutine}, a {@link Future}/{@code Task}, and (Python: any object with {@code __await__}) a
 * Java {@link java.util.concurrent.CompletionStage} or a Reactive Streams {@code Publisher} of one item.
 * Under the hood, awaiting a pending future yields it to the task driving the coroutine, and the task
 * resumes the coroutine with the result: the last lines write that out with a plain generator.
 *
 * <p>Three lines differ from CPython's output (see {@code seed/10-await-vs-yield-from.java.out}):
 * {@code func1} is a generator-based coroutine ({@code @types.coroutine}) in Python, which Coflow does not
 * have (its closest equivalent is a plain {@link Coroutine}), and Coflow's "can't be used in 'await'
 * expression" message names the Java class and lists what {@code await} takes.
 *
 * <pre>{@code
 * print(await(gather(func1(), func2())));   // [func1 done, func2 done] after 2 s, not 4
 * }</pre>
 */
public final class T10AwaitVsYieldFrom {
    private T10AwaitVsYieldFrom() {}

    // The seed: @asyncio.coroutine (a generator-based coroutine, yield from asyncio.sleep(2)).
    // Coflow's closest equivalent is an ordinary coroutine.
    static Coroutine<String> func1() {
        return Coroutine.of("func1", () -> {
            await(sleep(Duration.ofSeconds(2)));
            return "func1 done";
        });
    }

    static Coroutine<String> func2() {
        return Coroutine.of("func2", () -> {
            await(sleep(Duration.ofSeconds(2)));
            return "func2 done";
        });
    }

    static Coroutine<Void> main(Coroutine<String> c1, Coroutine<String> c2) {
        return Coroutine.of("main", () -> {
            EventLoop loop = getRunningLoop();
            double start = loop.time();
            // both can be awaited and run concurrently
            print(await(gather(c1, c2)));
            print("Time: " + round(loop.time() - start));
            return null;
        });
    }

    // yield from takes any iterable; await does not.
    static Generator<Object, Void, Void> gen() {
        return Generator.of(y -> {
            y.yieldAll(List.of(1, 2));
            y.yieldAll(Py.iterable("ab"));
            return null;
        });
    }

    static Coroutine<Void> awaitList() {
        return Coroutine.of("await_list", () -> {
            await(new ArrayList<>(List.of(1, 2)));
            return null;
        });
    }

    static Coroutine<Void> awaitThings() {
        return Coroutine.of("await_things", () -> {
            EventLoop loop = getRunningLoop();
            Future<String> fut = loop.createFuture();
            loop.callSoon(() -> fut.setResult("future done"));
            print("await Future ->", await(fut));
            print("await Task ->", await(createTask(func2())));
            // a Java CompletionStage is awaitable, here one completed by another thread
            print("await custom ->", await(CompletableFuture.supplyAsync(() -> "custom awaitable done")));
            try {
                await(42);
            } catch (IllegalArgumentException typeError) {
                print("await 42: TypeError:", typeError.getMessage());
            }
            return null;
        });
    }

    // What await(future) does (Python: Future.__await__, which yield from reaches): a pending future is
    // yielded to whoever drives the coroutine, then its result is returned. Written out in a plain generator:
    static Generator<Object, Object, Object> plain(Future<?> fut) {
        return Generator.of(y -> {
            if (!fut.done()) {
                y.yield(fut);
            }
            return fut.result();
        });
    }

    /** Prints what {@code seed/10-await-vs-yield-from.py} prints (three lines differ, see the class comment). */
    public static void main(String[] args) {
        Coroutine<String> c1 = func1();
        Coroutine<String> c2 = func2();
        print("func1() is a Generator:", isGenerator(c1));
        print("func2() is a Coroutine:", isCoroutine(c2));

        run(main(c1, c2), EventLoop::createVirtualTime);

        // sleep(d) returns a coroutine object.
        Coroutine<@Nullable Void> s = sleep(Duration.ofSeconds(1));
        print("asyncio.sleep(1) is a", typeName(s));
        s.close();

        print("yield from iterables:", list(gen()));

        try {
            run(awaitList());
        } catch (IllegalArgumentException typeError) {
            print("await [1, 2]: TypeError:", typeError.getMessage());
        }

        run(awaitThings(), EventLoop::createVirtualTime);

        EventLoop loop = EventLoop.createVirtualTime();
        Future<String> fut = loop.createFuture();
        Generator<Object, Object, Object> g = plain(fut);
        print("yield from a pending Future yields it:", g.next() == fut);
        fut.setResult("the result");
        try {
            g.send(null);
        } catch (StopIteration e) {
            print("then returns its result:", e.value());
        }
        loop.close();
    }

    // isinstance(c, collections.abc.Generator) / isinstance(c, collections.abc.Coroutine)
    static boolean isGenerator(Object o) {
        return o instanceof Generator<?, ?, ?>;
    }

    static boolean isCoroutine(Object o) {
        return o instanceof Coroutine<?>;
    }
}
