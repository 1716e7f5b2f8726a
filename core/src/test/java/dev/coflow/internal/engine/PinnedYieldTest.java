package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.aio.Aio;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.gen.Generator;
import dev.coflow.gen.GeneratorState;
import dev.coflow.gen.Yielder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Yields where the JDK may not suspend. On JDK 25 a raw continuation pins below a native frame
 * (a static initializer is the common case) and, before JDK 24, inside {@code synchronized};
 * reflection does not pin. A coroutine on the continuation engine then throws an
 * {@link IllegalStateException} naming the cause at the await, inside the body; a body on a thread of
 * its own (every body on the virtual-thread engine, a generator's on both) parks its thread pinned to
 * its carrier, which works (no error, no hang).
 */
class PinnedYieldTest {

    static volatile @Nullable Yielder<Integer, Void> yielder;
    static final List<String> caughtInInitializer = new ArrayList<>();

    private static boolean continuation() {
        return Engines.engine().name().equals("continuation");
    }

    /** Yields from its static initializer and lets what the yield throws escape. */
    static final class YieldsInInitializer {
        static {
            yielder.yield(1);
        }

        static void touch() {}
    }

    /** Yields from its static initializer and catches what the yield throws. */
    static final class CatchesInInitializer {
        static {
            try {
                yielder.yield(1);
            } catch (IllegalStateException pinned) {
                caughtInInitializer.add(pinned.getMessage());
            }
        }

        static void touch() {}
    }

    @Test
    void aYieldInAStaticInitializer() {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            yielder = y;
            YieldsInInitializer.touch();
            y.yield(2);
            return null;
        });
        // A generator's body has a virtual thread of its own on both engines: it parks pinned, and works.
        assertEquals(1, g.next());
        assertEquals(2, g.next());
        assertThrows(dev.coflow.gen.StopIteration.class, g::next);
    }

    /** Awaits from its static initializer and lets what the await throws escape. */
    static final class AwaitsInInitializer {
        static {
            Aio.await(Aio.sleep(Duration.ZERO));
        }

        static void touch() {}
    }

    @Test
    void anAwaitInAStaticInitializer() {
        Coroutine<String> coro = Coroutine.of(() -> {
            AwaitsInInitializer.touch();
            return "done";
        });
        if (continuation()) {
            // A coroutine's body is a continuation on the continuation engine, which pins below <clinit>.
            ExceptionInInitializerError e = assertThrows(ExceptionInInitializerError.class,
                    () -> Aio.run(coro, EventLoop::createVirtualTime));
            IllegalStateException pinned = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(pinned.getMessage().startsWith("cannot yield or await here (pinned: NATIVE)"), pinned.getMessage());
            assertTrue(pinned.getMessage().contains("static initializer"), pinned.getMessage());
        } else {
            assertEquals("done", Aio.run(coro, EventLoop::createVirtualTime));
        }
    }

    @Test
    void aBodyThatCatchesThePinnedErrorStaysUsable() {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            yielder = y;
            CatchesInInitializer.touch();
            y.yield(2);
            return null;
        });
        assertEquals(1, g.next());
        assertEquals(2, g.next());
        assertEquals(List.of(), caughtInInitializer);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertThrows(dev.coflow.gen.StopIteration.class, g::next);
    }

    @Test
    void aYieldInsideSynchronizedWorksOnJdk24AndLaterAndKeepsTheMonitor() {
        Object lock = new Object();
        List<Boolean> held = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            synchronized (lock) {
                y.yield(1);
                held.add(Thread.holdsLock(lock));
            }
            return null;
        });
        assertEquals(1, g.next());
        assertFalse(Thread.holdsLock(lock), "the suspended body's monitor leaked to the caller");
        assertThrows(dev.coflow.gen.StopIteration.class, g::next);
        assertEquals(List.of(true), held);
    }

    public static void yieldTwo(Yielder<Integer, Void> y) {
        y.yield(2);
    }

    @Test
    void aYieldThroughReflectionDoesNotPin() throws Exception {
        java.lang.reflect.Method m = PinnedYieldTest.class.getMethod("yieldTwo", Yielder.class);
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            m.invoke(null, y);
            return null;
        });
        assertEquals(2, g.next());
        assertThrows(dev.coflow.gen.StopIteration.class, g::next);
    }
}
