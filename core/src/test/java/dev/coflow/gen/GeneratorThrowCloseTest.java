package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/python-semantics.md, section B, ids B22 to B38: {@code throw()} and {@code close()}.
 *
 * <p>Not applicable to Java: B23 and most of B28 ({@code throwInto} takes a {@link Throwable}
 * instance, so classes, strings and separate values cannot be passed), B38's {@code gi_code} and
 * read-only {@code gi_running}, B39-B40 (no generator expressions). B36-B37 (finalization) are in
 * {@code GeneratorFinalizationTest}, per engine.
 */
class GeneratorThrowCloseTest {

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    /** Yields 1, then yields "caught: message" for every Boom thrown in, and logs its finally. */
    static Generator<Object, Void, String> catcher(List<String> log) {
        return Generator.of(y -> {
            try {
                y.yield(1);
                for (;;) {
                    try {
                        y.yield("waiting");
                    } catch (Boom b) {
                        log.add("caught " + b.getMessage());
                        y.yield("caught: " + b.getMessage());
                    }
                }
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void b22_aCaughtThrowReturnsTheNextYieldedValue() {
        List<String> log = new ArrayList<>();
        Generator<Object, Void, String> g = catcher(log);
        g.next();
        g.next();
        assertEquals("caught: lunch", g.throwInto(new Boom("lunch")));
        assertEquals(List.of("caught lunch"), log);
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void b24_anUncaughtThrowPropagatesTheSameObjectAndClosesTheGenerator() {
        List<String> log = new ArrayList<>();
        Generator<Object, Void, String> g = catcher(log);
        g.next();
        IllegalStateException thrown = new IllegalStateException("nobody catches this");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> g.throwInto(thrown)));
        assertEquals(List.of("finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertTrue(g.yieldingFrom().isEmpty());
    }

    @Test
    void b25_throwIntoACreatedGeneratorRaisesAtOnceWithoutRunningTheBody() {
        List<String> log = new ArrayList<>();
        Generator<Object, Void, String> g = catcher(log);
        Boom boom = new Boom("early");
        assertSame(boom, assertThrows(Boom.class, () -> g.throwInto(boom)));
        assertEquals(List.of(), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void b26_throwIntoAClosedGeneratorReraisesAtOnce() {
        Generator<Object, Void, String> g = catcher(new ArrayList<>());
        g.close();
        Boom late = new Boom("late");
        assertSame(late, assertThrows(Boom.class, () -> g.throwInto(late)));
        StopIteration stop = new StopIteration("zz");
        assertSame(stop, assertThrows(StopIteration.class, () -> g.throwInto(stop)));
    }

    @Test
    void b27_aThrowThatMakesTheBodyReturnRaisesStopIterationWithTheValue() {
        Generator<Integer, Void, String> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Boom b) {
                return "returned after " + b.getMessage();
            }
            return "normal";
        });
        g.next();
        assertEquals("returned after x",
                assertThrows(StopIteration.class, () -> g.throwInto(new Boom("x"))).value());
        assertEquals("returned after x", g.returnValue().orElseThrow());
    }

    @Test
    void b28_throwIntoNullIsRejectedWithoutDisturbingTheGenerator() {
        Generator<Object, Void, String> g = catcher(new ArrayList<>());
        g.next();
        NullPointerException e = assertThrows(NullPointerException.class, () -> g.throwInto(null));
        assertTrue(e.getMessage().contains("throwInto"), e.getMessage());
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals("waiting", g.next());
    }

    @Test
    void b29_closeRaisesGeneratorExitAtTheYieldAndRunsFinallyAndAgainIsANoOp() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit exit) {
                log.add("GeneratorExit");
                throw exit;
            } finally {
                log.add("finally");
            }
            return null;
        });
        g.next();
        g.close();
        assertEquals(List.of("GeneratorExit", "finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        g.close();
        assertEquals(2, log.size());
    }

    @Test
    void b30_closeOnACreatedOrExhaustedGeneratorRunsNothing() {
        List<String> log = new ArrayList<>();
        Generator<Object, Void, String> created = catcher(log);
        created.close();
        assertEquals(GeneratorState.CLOSED, created.state());
        assertEquals(List.of(), log);

        Generator<Integer, Void, String> exhausted = Generator.of(y -> "done");
        assertThrows(StopIteration.class, exhausted::next);
        exhausted.close();
        assertEquals("done", exhausted.returnValue().orElseThrow());
    }

    @Test
    void b31_catchExceptionDoesNotCatchGeneratorExit() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Exception e) {
                log.add("caught " + e);
                y.yield(2);
            }
            return null;
        });
        g.next();
        g.close();
        assertEquals(List.of(), log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b32_yieldingAfterGeneratorExitIsAnErrorAndASecondCloseSucceeds() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } finally {
                log.add("finally");
                y.yield(2);
            }
            return null;
        });
        g.next();
        RuntimeException e = assertThrows(RuntimeException.class, g::close);
        assertEquals(RuntimeException.class, e.getClass());
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(GeneratorState.SUSPENDED, g.state());
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(List.of("finally"), log);
    }

    @Test
    void b32_ignoringGeneratorExitByDelegatingAlsoFailsAndTheDelegationGoesOn() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> sub = Generator.of(y -> {
            log.add("sub start");
            y.yield("sub1");
            return "subret";
        });
        Generator<String, Void, Void> g = Generator.of(y -> {
            try {
                y.yield("first");
            } finally {
                log.add("r " + y.yieldFrom(sub));
            }
            return null;
        });
        g.next();
        assertEquals("generator ignored GeneratorExit", assertThrows(RuntimeException.class, g::close).getMessage());
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertSame(sub, g.yieldingFrom().orElseThrow());
        assertThrows(GeneratorExit.class, g::next);
        assertEquals(List.of("sub start", "r subret"), log);
    }

    @Test
    void b33_anotherExceptionWhileHandlingGeneratorExitPropagatesOutOfClose() {
        IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
        @SuppressWarnings("finally") // the body raises in its finally, the failure under test
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } finally {
                throw cleanupFailed;
            }
        });
        g.next();
        assertSame(cleanupFailed, assertThrows(IllegalStateException.class, g::close));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b34_returningOrFallingOffTheEndOnGeneratorExitClosesQuietlyAndDiscardsTheValue() {
        Generator<Integer, Void, String> returns = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit exit) {
                return "x";
            }
            return "normal";
        });
        returns.next();
        returns.close();
        assertEquals(GeneratorState.CLOSED, returns.state());
        assertTrue(returns.returnValue().isEmpty());

        Generator<Integer, Void, Void> swallows = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit exit) {
                // swallowed: falls off the end
            }
            return null;
        });
        swallows.next();
        swallows.close();
        assertEquals(GeneratorState.CLOSED, swallows.state());
    }

    @Test
    void b35_throwingGeneratorExitRunsFinallyAndReraisesIt() {
        List<String> log = new ArrayList<>();
        Generator<Object, Void, String> g = catcher(log);
        g.next();
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwInto(exit)));
        assertEquals(List.of("finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());

        Generator<Integer, Void, Void> keepsGoing = Generator.of(y -> {
            for (;;) {
                try {
                    y.yield(1);
                } catch (GeneratorExit caught) {
                    log.add("caught GE");
                }
            }
        });
        keepsGoing.next();
        assertEquals(1, keepsGoing.throwInto(new GeneratorExit()));
        assertEquals(GeneratorState.SUSPENDED, keepsGoing.state());
        assertThrows(Boom.class, () -> keepsGoing.throwInto(new Boom("stop")));
    }

    @Test
    void b38_yieldingFromIsEmptyUnlessDelegating() {
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            y.yield(1);
            return null;
        });
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(0);
            y.yieldFrom(sub);
            y.yield(2);
            return null;
        });
        assertTrue(g.yieldingFrom().isEmpty());
        g.next();
        assertTrue(g.yieldingFrom().isEmpty());
        g.next();
        assertSame(sub, g.yieldingFrom().orElseThrow());
        g.next();
        assertTrue(g.yieldingFrom().isEmpty());
        assertThrows(StopIteration.class, g::next);
        assertTrue(g.yieldingFrom().isEmpty());
    }

    /** B38: gi_yieldfrom is None while the generator runs, also while its delegate runs inside it. */
    @Test
    void b38_yieldingFromIsEmptyWhileRunning() {
        List<String> seen = new ArrayList<>();
        Generator<?, ?, ?>[] outer = new Generator<?, ?, ?>[1];
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            seen.add("in sub " + outer[0].yieldingFrom());
            y.yield(1);
            seen.add("in sub again " + outer[0].yieldingFrom());
            y.yield(2);
            return null;
        });
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            seen.add("outer " + outer[0].yieldingFrom());
            y.yieldFrom(sub);
            seen.add("outer after " + outer[0].yieldingFrom());
            y.yield(3);
            return null;
        });
        outer[0] = g;
        g.next();
        assertSame(sub, g.yieldingFrom().orElseThrow());
        g.next();
        assertSame(sub, g.yieldingFrom().orElseThrow());
        g.next();
        assertTrue(g.yieldingFrom().isEmpty());
        assertEquals(List.of("outer Optional.empty", "in sub Optional.empty", "in sub again Optional.empty",
                "outer after Optional.empty"), seen);
    }
}
