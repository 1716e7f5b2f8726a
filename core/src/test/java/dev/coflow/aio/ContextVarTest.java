package dev.coflow.aio;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.gather;
import static dev.coflow.aio.Aio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** docs/python-semantics.md, section H: contextvars. */
class ContextVarTest {

    private static final ContextVar<String> VAR = new ContextVar<>("var", "unset");
    private final EventLoop loop = EventLoop.createVirtualTime();
    private final List<String> log = new ArrayList<>();

    private <T> T run(CoroutineBody<T> body) {
        return loop.runUntilComplete(Coroutine.of(body));
    }

    @Test
    void aGeneratorRunsInTheContextOfTheCodeThatResumesIt() {
        // Python: v.set("main"); next(g()) where g yields v.get() -> "main"; inside a task: the task's value.
        ContextVar<String> v = new ContextVar<>("v", "nobody");
        Context ctx = new Context();
        dev.coflow.gen.Generator<String, Void, Void> g = dev.coflow.gen.Generator.of(y -> {
            for (;;) {
                y.yield(v.get());
            }
        });
        ctx.run(() -> {
            v.set("main");
            assertEquals("main", g.next());
            return null;
        });
        assertEquals("task", Aio.run(Coroutine.of(() -> {
            v.set("task");
            return g.next();
        }), EventLoop::createVirtualTime));
        g.close();
    }

    @Test
    void h1_aTaskRunsInACopyOfTheContextAtItsCreation() {
        run(() -> {
            VAR.set("parent before");
            Task<Object> child = Aio.createTask(Coroutine.of(() -> {
                log.add("child sees " + VAR.get());
                VAR.set("child");
                await(sleep(Duration.ZERO));
                log.add("child still sees " + VAR.get());
                return null;
            }));
            VAR.set("parent after");
            await(child);
            log.add("parent sees " + VAR.get());
            return null;
        });
        assertEquals(List.of("child sees parent before", "child still sees child", "parent sees parent after"), log);
    }

    @Test
    void aTaskContextIsOneObjectThatShowsWhatTheTaskSetAndWhatItsCallbacksCopy() {
        Task<Object> task = loop.createTask(Coroutine.of(() -> {
            Context before = Aio.currentTask().getContext();
            log.add("before set: " + before.get(VAR));
            VAR.set("in task");
            log.add("same object after set: " + (Aio.currentTask().getContext() == before));
            Aio.getRunningLoop().callSoon(() -> log.add("callback copied: " + VAR.get()));
            await(sleep(Duration.ZERO));
            log.add("next step: " + VAR.get());
            return null;
        }));
        loop.runUntilComplete(task);
        assertEquals(List.of("before set: null", "same object after set: true", "callback copied: in task",
                "next step: in task"), log);
        assertEquals("in task", task.getContext().get(VAR));
        assertEquals("unset", VAR.get());
    }

    @Test
    void h2_aDirectAwaitRunsInTheCallersContext() {
        run(() -> {
            await(Coroutine.of(() -> {
                await(sleep(Duration.ZERO));
                VAR.set("set by awaited coroutine");
                return null;
            }));
            log.add(VAR.get());
            return null;
        });
        assertEquals(List.of("set by awaited coroutine"), log);
    }

    @Test
    void h3_h7_eachGatherChildGetsItsOwnCopyAndTasksDoNotInterfere() {
        List<String> r = run(() -> {
            VAR.set("base");
            Coroutine<String> a = Coroutine.of(() -> {
                VAR.set("a");
                await(sleep(Duration.ofSeconds(3)));
                return "a=" + VAR.get();
            });
            Coroutine<String> b = Coroutine.of(() -> {
                VAR.set("b");
                await(sleep(Duration.ofSeconds(5)));
                return "b=" + VAR.get();
            });
            List<String> out = new ArrayList<>(await(gather(a, b)));
            out.add("main=" + VAR.get());
            return out;
        });
        assertEquals(List.of("a=a", "b=b", "main=base"), r);
    }

    @Test
    void h4_createTaskWithAContextRunsInItAndMutatesIt() {
        Context ctx = new Context();
        run(() -> {
            await(loop.createTask(Coroutine.of(() -> {
                VAR.set("in given ctx");
                return null;
            }), null, ctx));
            log.add(VAR.get());
            return null;
        });
        assertEquals("in given ctx", ctx.get(VAR));
        assertEquals(List.of("unset"), log);
    }

    @Test
    void h5_callSoonCapturesTheContextAtSchedulingTime() {
        run(() -> {
            VAR.set("at scheduling");
            loop.callSoon(() -> log.add(VAR.get()));
            VAR.set("changed later");
            await(sleep(Duration.ZERO));
            return null;
        });
        assertEquals(List.of("at scheduling"), log);
    }

    @Test
    void h6_resetRestoresThePreviousValue() {
        ContextVar<Integer> n = new ContextVar<>("n");
        run(() -> {
            assertThrows(NoSuchElementException.class, n::get);
            assertEquals(7, n.get(7));
            ContextVar.Token<Integer> t1 = n.set(1);
            ContextVar.Token<Integer> t2 = n.set(2);
            assertEquals(2, n.get());
            n.reset(t2);
            assertEquals(1, n.get());
            assertThrows(IllegalStateException.class, () -> n.reset(t2));
            n.reset(t1);
            assertThrows(NoSuchElementException.class, n::get);
            return null;
        });
    }

    @Test
    void h8_runRunsTheMainCoroutineInACopiedContext() {
        ContextVar<String> v = new ContextVar<>("h8", "unset");
        Aio.run(Coroutine.of(() -> v.set("inside run")), EventLoop::createVirtualTime);
        assertEquals("unset", v.get());
    }

    @Test
    void contextRunEntersAContextAndRejectsReentry() {
        Context ctx = Context.copyCurrent();
        ctx.run(() -> VAR.set("in ctx"));
        assertEquals("in ctx", ctx.get(VAR));
        assertEquals("unset", VAR.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> ctx.run(() -> 1)));
        assertEquals("cannot enter context: " + ctx + " is already entered", e.getMessage());
    }

    @Test
    void toThreadRunsInACopyOfTheCurrentContext() {
        EventLoop real = EventLoop.create();
        String r = real.runUntilComplete(Coroutine.of(() -> {
            VAR.set("propagated");
            return await(Aio.toThread(VAR::get));
        }));
        assertEquals("propagated", r);
        real.close();
    }
}
