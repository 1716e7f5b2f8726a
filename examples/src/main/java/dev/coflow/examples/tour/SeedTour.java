package dev.coflow.examples.tour;

import dev.coflow.gen.Generator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The main demo: every topic of the seed tutorial in order, each as the seed's Python next to what its
 * Coflow example prints, and whether that is CPython 3.11's output. Run it from a clone with
 * {@code mvn -q -pl examples -am compile exec:exec} (README.md), which starts the JVM with the
 * continuation engine's flag. Exits with status 1 if a topic fails or prints something unexpected.
 *
 * <p>Not thread-safe: it swaps {@code System.out} while each topic runs.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp ... dev.coflow.examples.tour.SeedTour
 * }</pre>
 */
public final class SeedTour {
    private SeedTour() {}

    /** The tour's topics, in the seed's order. */
    public static final List<Topic> TOPICS = List.of(
            Topic.differing(1, "iterables", "Iterables, iterators and the __getitem__ fallback",
                    "关于可迭代对象，有几点需要补充说明", T01Iterables.class, Map.of(
                            9, "next(list) is a TypeError at run time in Python; in Java it does not compile",
                            23, "Iter's 'not iterable' message goes on to list what iter() accepts")),
            Topic.exact(2, "activating-generators", "Activating a generator: next() and send(None)",
                    "2. 如何运行/激活生成器", T02ActivatingGenerators.class),
            Topic.exact(3, "generator-states", "The four generator states",
                    "3. 生成器的执行状态", T03GeneratorStates.class),
            Topic.exact(4, "stop-iteration", "StopIteration, return values and PEP 479",
                    "4. 生成器的异常处理", T04StopIteration.class),
            Topic.exact(5, "jumping-range", "From generator to coroutine: jump = yield index",
                    "5. 从生成器过渡到协程：yield", T05JumpingRange.class),
            Topic.exact(6, "yield-from-basics", "yield from: flattening iterables, the two-way channel",
                    "2. yield from的用法详解", T06YieldFromBasics.class),
            Topic.differing(7, "yield-from-delegation", "Caller, delegating generator, subgenerator",
                    "3. 为什么要使用yield from / 3.1 因为它可以帮我们处理异常 / 2.2 复杂应用：生成器的嵌套",
                    T07YieldFromDelegation.class, Map.of(
                            25, "Python names the generator functions (gi_code.co_name); a Java generator has"
                                    + " no name, so the chain shows the three generator objects")),
            Topic.differing(8, "coroutines", "Defining coroutines: async def and the generator-based way",
                    "1. 如何定义/创建协程 (两种方法创建协程)", T08Coroutines.class, Map.of(
                            13, "there is no coroutine decorator to look up (Java reflection reports it)",
                            18, "a generator is not awaitable in Coflow (Python's @types.coroutine makes it so):"
                                    + " a coroutine drives it, as asyncio's Task does",
                            21, "a plain generator fails at its await, with Coflow's message")),
            Topic.differing(9, "workflow", "Event loop, coroutine, future, task: the four-step workflow",
                    "2. asyncio的几个概念 / 3. 学习协程是如何工作的", T09Workflow.class, Map.of(
                            13, "Coflow has no get_event_loop(): outside a running loop Aio.getRunningLoop()"
                                    + " fails, as Python's get_running_loop() does")),
            Topic.differing(10, "await-vs-yield-from", "await against yield from",
                    "4. await与yield对比", T10AwaitVsYieldFrom.class, Map.of(
                            1, "func1 is a generator-based coroutine (@types.coroutine) in Python; Coflow has"
                                    + " none, func1 is a Coroutine like func2",
                            7, "Coflow's message names the Java class (ArrayList) and lists what await takes",
                            11, "Coflow's message names the Java class (Integer) and lists what await takes")),
            Topic.exact(11, "sleep-vs-blocking", "await sleep against a blocking sleep, and debug mode",
                    "asyncio.sleep(n) 模拟IO阻塞 / 协程的缺点 (2) 阻塞", T11SleepVsBlocking.class),
            Topic.exact(12, "callbacks", "Task results and done callbacks",
                    "5. 绑定回调函数", T12Callbacks.class),
            Topic.exact(13, "wait", "Concurrency with wait()",
                    "1. 协程中的并发 (asyncio.wait)", T13Wait.class),
            Topic.exact(14, "gather", "Concurrency with gather(), and how it differs from wait()",
                    "1. 协程中的并发 (asyncio.gather)", T14Gather.class),
            Topic.exact(15, "nested-coroutines", "Nested coroutines: wait, gather, as_completed inside a coroutine",
                    "2. 协程中的嵌套", T15NestedCoroutines.class),
            Topic.differing(16, "task-states", "Future and task states",
                    "3. 协程中的状态", T16TaskStates.class, Map.of(
                            19, "Java's Future.cancel(false) cancels a running task (Python's refuses)",
                            20, "so the thread's result is dropped: get() throws CancellationException")),
            Topic.differing(17, "strengths-limits", "Strengths and limits: 10000 coroutines, one thread, one loop per core",
                    "2.12 生成器与协程，你分清了吗？(协程的优点/缺点)", T17StrengthsLimits.class, Map.of(
                            3, "Java's main thread is called 'main', Python's 'MainThread'"))
    );

    /** Runs the tour; {@code args} are ignored. */
    public static void main(String[] args) {
        // The first generator picks the suspension engine, which logs its choice (logger dev.coflow.engine).
        Generator.of(y -> null).close();
        System.out.println("Coflow seed tour: " + TOPICS.size() + " topics of the seed tutorial, each as Python"
                + " (the seed's code, modernised) and Coflow's output, checked against CPython 3.11's.");
        int failures = 0;
        for (Topic topic : TOPICS) {
            if (!show(topic)) {
                failures++;
            }
        }
        System.out.println();
        System.out.println(failures == 0
                ? "All " + TOPICS.size() + " topics print what their expected output says."
                : failures + " of " + TOPICS.size() + " topics did not print their expected output.");
        System.out.flush();
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static boolean show(Topic topic) {
        String rule = "=".repeat(100);
        System.out.println();
        System.out.println(rule);
        System.out.printf("%02d  %s%n", topic.number(), topic.title());
        System.out.println("    seed section: " + topic.section());
        System.out.println("    Coflow code:  examples/src/main/java/"
                + topic.example().getName().replace('.', '/') + ".java");
        System.out.println(rule);
        System.out.println("--- Python: seed/" + topic.name() + ".py");
        List<String> source = Topic.lines(topic.pythonSource());
        for (int i = 0; i < source.size(); i++) {
            System.out.printf("%4d | %s%n", i + 1, source.get(i));
        }
        System.out.println("--- Coflow output");
        String output;
        try {
            output = topic.run();
        } catch (RuntimeException | Error e) {
            System.out.println("FAILED: " + e);
            return false;
        }
        System.out.print(output);
        SortedMap<Integer, String> diff = Topic.differences(topic.expectedOutput(), output);
        if (!diff.isEmpty()) {
            System.out.println("--- MISMATCH with " + topic.expectedResource() + ": " + diff);
            return false;
        }
        if (topic.javaLines().isEmpty()) {
            System.out.println("--- same as CPython 3.11's output, line for line");
        } else {
            System.out.println("--- same as CPython 3.11's output except these documented lines:");
            List<String> python = Topic.lines(topic.pythonOutput());
            List<String> java = Topic.lines(output);
            topic.javaLines().forEach((line, why) -> {
                System.out.printf("    line %d: %s%n", line, why);
                System.out.printf("      CPython: %s%n      Coflow:  %s%n", python.get(line - 1), java.get(line - 1));
            });
        }
        return true;
    }
}
