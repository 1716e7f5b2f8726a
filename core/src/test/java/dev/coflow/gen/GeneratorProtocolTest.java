package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * docs/python-semantics.md, section B, ids B1 to B21: creation, states, next/send, return values and PEP 479.
 *
 * <p>Not applicable to Java: B13's assignment-target order (no such expression in Java) and B15's
 * reprs; B3's "any yield makes a generator function" (a body is a generator because it is passed to
 * {@code Generator.of}).
 */
class GeneratorProtocolTest {

    /** The seed's {@code mygen(n)}. */
    static Generator<Integer, Void, Void> mygen(int n) {
        return Generator.of(y -> {
            int now = 0;
            while (now < n) {
                y.yield(now);
                now++;
            }
            return null;
        });
    }

    static <T> List<T> list(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        for (T item : items) {
            out.add(item);
        }
        return out;
    }

    @Test
    void b1_creatingRunsNothingAndTheIteratorIsAlwaysTheSame() {
        AtomicInteger runs = new AtomicInteger();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            runs.incrementAndGet();
            y.yield(1);
            return null;
        });
        assertEquals(0, runs.get());
        assertEquals(GeneratorState.CREATED, g.state());
        assertSame(g.iterator(), g.iterator());
        assertSame(g.iterator(), Iter.iter(g));
        assertEquals(0, runs.get());
    }

    @Test
    void b2_bodyErrorsSurfaceAtTheFirstNextNotAtCreation() {
        IOException boom = new IOException("1/0");
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IOException.class, g::next));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b3_returnValueTravelsInStopIteration() {
        Generator<Integer, Void, Integer> g = Generator.of(y -> {
            if (false) {
                y.yield(0);
            }
            return 5;
        });
        assertEquals(5, assertThrows(StopIteration.class, g::next).value());
        assertEquals(5, g.returnValue().orElseThrow());
    }

    @Test
    void b4_afterCompletionEveryNextRaisesAFreshStopIterationAndTheBodyNeverReruns() {
        AtomicInteger runs = new AtomicInteger();
        Generator<Integer, Void, String> g = Generator.of(y -> {
            runs.incrementAndGet();
            return "r";
        });
        StopIteration first = assertThrows(StopIteration.class, g::next);
        assertEquals("r", first.value());
        StopIteration second = assertThrows(StopIteration.class, g::next);
        StopIteration third = assertThrows(StopIteration.class, () -> g.send(null));
        assertNull(second.value());
        assertNull(third.value());
        assertTrue(second != first && third != second);
        assertEquals(1, runs.get());
    }

    @Test
    void b5_stateSequence() {
        List<GeneratorState> inside = new ArrayList<>();
        AtomicReference<Generator<Integer, Void, Void>> self = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            inside.add(self.get().state());
            y.yield(1);
            inside.add(self.get().state());
            return null;
        });
        self.set(g);
        assertEquals(GeneratorState.CREATED, g.state());
        g.next();
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertThrows(StopIteration.class, g::next);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(List.of(GeneratorState.RUNNING, GeneratorState.RUNNING), inside);
    }

    /** The seed tour's {@code selfaware}: RUNNING is seen single-threaded, from inside. */
    @Test
    void b6_runningIsObservableFromInsideTheBody() {
        Generator<String, Object, Void> g = Generator.of(y -> {
            Generator<?, ?, ?> me = (Generator<?, ?, ?>) y.yield("give me myself");
            y.yield("inside: " + me.state());
            return null;
        });
        assertEquals("give me myself", g.next());
        assertEquals("inside: RUNNING", g.send(g));
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void b7_closeOnACreatedGeneratorClosesItDirectly() {
        Generator<Integer, Void, Void> g = mygen(3);
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertTrue(g.yieldingFrom().isEmpty());
        assertTrue(g.returnValue().isEmpty());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void b8_aGeneratorThatRaisedIsClosedAndThenStops() {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(1);
            throw new IllegalStateException("boom");
        });
        g.next();
        assertThrows(IllegalStateException.class, g::next);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertThrows(StopIteration.class, g::next);
        assertTrue(g.returnValue().isEmpty());
    }

    @Test
    void b9_reentryFromInsideFailsWithAlreadyExecutingAndUncaughtItClosesTheGenerator() {
        AtomicReference<Generator<Integer, Object, Void>> self = new AtomicReference<>();
        List<String> messages = new ArrayList<>();
        Generator<Integer, Object, Void> g = Generator.of(y -> {
            Generator<Integer, Object, Void> me = self.get();
            for (Runnable reenter : List.<Runnable>of(me::next, () -> me.send("x"),
                    () -> me.throwInto(new IllegalArgumentException()), me::close)) {
                try {
                    reenter.run();
                } catch (IllegalStateException e) {
                    messages.add(e.getMessage());
                }
            }
            y.yield(1);
            me.next();
            return null;
        });
        self.set(g);
        assertEquals(1, g.next());
        assertEquals(List.of("generator already executing", "generator already executing",
                "generator already executing", "generator already executing"), messages);
        IllegalStateException uncaught = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator already executing", uncaught.getMessage());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b10_sendingAValueToAJustStartedGeneratorFailsAndLeavesItCreated() {
        Generator<Integer, Void, Void> seed = mygen(2);
        Generator<Integer, String, Void> g = Generator.of(y -> {
            y.yield(0);
            return null;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.send("hello"));
        assertEquals("can't send non-None value to a just-started generator", e.getMessage());
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(0, g.next());
        assertEquals(0, seed.send(null));
    }

    @Test
    void b11_nextIsSendNullAndYieldEvaluatesToTheSentValue() {
        List<Object> received = new ArrayList<>();
        Generator<Integer, String, Void> g = Generator.of(y -> {
            for (int i = 0; ; i++) {
                received.add(String.valueOf(y.yield(i)));
            }
        });
        assertEquals(0, g.send(null));
        assertEquals(1, g.next());
        assertEquals(2, g.send("a"));
        assertEquals(3, g.send(null));
        assertEquals(List.of("null", "a", "null"), received);
    }

    @Test
    void b12_sendThatEndsTheBodyRaisesStopIterationAndSendToAClosedOneToo() {
        Generator<Integer, String, String> g = Generator.of(y -> "got " + y.yield(1));
        g.next();
        assertEquals("got x", assertThrows(StopIteration.class, () -> g.send("x")).value());
        assertThrows(StopIteration.class, () -> g.send("x"));
    }

    @Test
    void b13_sentValuesAccumulate() {
        Generator<Integer, Integer, Void> g = Generator.of(y -> {
            int count = 0;
            for (;;) {
                Integer sent = y.yield(count);
                count += sent == null ? 0 : sent;
            }
        });
        g.next();
        g.send(2);
        g.send(3);
        assertEquals(15, g.send(10));
    }

    /** The seed's {@code jumping_range} (section 5), with 05-jumping-range.out's trace. */
    @Test
    void b14_seedJumpingRange() {
        List<String> out = new ArrayList<>();
        Generator<Integer, Integer, Void> itr = Generator.of(y -> {
            int index = 0;
            while (index < 5) {
                out.add("  [gen] yield " + index);
                Integer jump = y.yield(index);
                out.add("  [gen] received " + (jump == null ? "None" : jump));
                index += jump == null ? 1 : jump;
            }
            out.add("  [gen] done");
            return null;
        });
        out.add(String.valueOf(itr.next()));
        out.add(String.valueOf(itr.send(2)));
        out.add(String.valueOf(itr.next()));
        out.add(String.valueOf(itr.send(-1)));
        for (int rest : itr) {
            out.add(String.valueOf(rest));
        }
        out.add(String.valueOf(Iter.next(itr.iterator(), (Object) "END")));
        assertEquals(List.of(
                "  [gen] yield 0", "0",
                "  [gen] received 2", "  [gen] yield 2", "2",
                "  [gen] received None", "  [gen] yield 3", "3",
                "  [gen] received -1", "  [gen] yield 2", "2",
                "  [gen] received None", "  [gen] yield 3", "3",
                "  [gen] received None", "  [gen] yield 4", "4",
                "  [gen] received None", "  [gen] done", "END"), out);
    }

    @Test
    void b15_b16_theReturnValueIsPassedAsIsEvenWhenItIsAStopIteration() {
        StopIteration inner = new StopIteration(3);
        for (Object value : new Object[] {1, List.of(2), List.of(1, 2), inner}) {
            Generator<Integer, Void, Object> g = Generator.of(y -> value);
            assertSame(value, assertThrows(StopIteration.class, g::next).value());
        }
        Generator<Integer, Void, Object> bare = Generator.of(y -> null);
        assertNull(assertThrows(StopIteration.class, bare::next).value());
        assertTrue(bare.returnValue().isEmpty());
    }

    @Test
    void b17_forEachDiscardsTheReturnValueAndFinallyRunsBeforeTheEnd() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> g = Generator.of(y -> {
            try {
                y.yield("a");
                return "the result";
            } finally {
                log.add("finally");
            }
        });
        for (String item : g) {
            log.add(item);
        }
        log.add("loop ended");
        assertEquals(List.of("a", "finally", "loop ended"), log);
        assertEquals("the result", g.returnValue().orElseThrow());
    }

    @Test
    void b18_stopIterationEscapingTheBodyBecomesRuntimeException() {
        class Custom extends StopIteration {
            private static final long serialVersionUID = 1L;
        }
        for (StopIteration raised : List.of(new StopIteration("x"), new Custom())) {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                throw raised;
            });
            RuntimeException e = assertThrows(RuntimeException.class, g::next);
            assertEquals(RuntimeException.class, e.getClass());
            assertEquals("generator raised StopIteration", e.getMessage());
            assertSame(raised, e.getCause());
            assertEquals(GeneratorState.CLOSED, g.state());
        }
    }

    /** The seed's {@code mygen} ending with {@code raise StopIteration} (section 4), as 04-stop-iteration.out shows. */
    @Test
    void b19_seedRaiseStopIterationAtTheEndRaisesRuntimeExceptionAfterTheLastItem() {
        java.util.function.IntFunction<Generator<Integer, Void, Void>> mygenSeed = n -> Generator.of(y -> {
            int now = 0;
            while (now < n) {
                y.yield(now);
                now++;
            }
            throw new StopIteration();
        });
        Generator<Integer, Void, Void> gen = mygenSeed.apply(2);
        assertEquals(0, gen.next());
        assertEquals(1, gen.next());
        RuntimeException e = assertThrows(RuntimeException.class, gen::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertInstanceOf(StopIteration.class, e.getCause());
        assertEquals(GeneratorState.CLOSED, gen.state());

        Generator<Integer, Void, Void> three = mygenSeed.apply(3);
        List<Integer> seen = new ArrayList<>();
        RuntimeException viaLoop = assertThrows(RuntimeException.class, () -> {
            for (int i : three) {
                seen.add(i);
            }
        });
        assertEquals("generator raised StopIteration", viaLoop.getMessage());
        assertEquals(List.of(0, 1, 2), seen);
    }

    /** {@code first_of_each}: the classic hidden bug of {@code next()} on an empty iterator. */
    @Test
    void b20_nextOnAnEmptyIteratorInsideTheBodyAlsoBecomesRuntimeException() {
        List<List<Integer>> iterables = List.of(List.of(1, 2), List.of(), List.of(3));
        Generator<Object, Void, Void> firstOfEach = Generator.of(y -> {
            for (List<Integer> it : iterables) {
                y.yield(Iter.next(Iter.iter(it)));
            }
            return null;
        });
        assertEquals(1, firstOfEach.next());
        RuntimeException e = assertThrows(RuntimeException.class, firstOfEach::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertEquals(GeneratorState.CLOSED, firstOfEach.state());

        Generator<Object, Void, Void> careful = Generator.of(y -> {
            for (List<Integer> it : iterables) {
                try {
                    y.yield(Iter.next(Iter.iter(it)));
                } catch (StopIteration empty) {
                    y.yield("empty");
                }
            }
            return null;
        });
        assertEquals(List.of(1, "empty", 3), list(careful));
    }

    @Test
    void b21_anUncaughtThrownStopIterationAlsoBecomesRuntimeException() {
        Generator<Integer, Void, Void> g = mygen(3);
        g.next();
        StopIteration thrown = new StopIteration("thrown");
        RuntimeException e = assertThrows(RuntimeException.class, () -> g.throwInto(thrown));
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(thrown, e.getCause());

        Generator<Integer, Void, Void> created = mygen(3);
        RuntimeException early = assertThrows(RuntimeException.class, () -> created.throwInto(thrown));
        assertEquals("generator raised StopIteration", early.getMessage());
        assertEquals(GeneratorState.CLOSED, created.state());
    }

    @Test
    void seedMygenActivatedByNextAndSendNullAlternately() {
        Generator<Integer, Void, Void> gen = mygen(4);
        assertEquals(0, gen.send(null));
        assertEquals(1, gen.next());
        assertEquals(2, gen.send(null));
        assertEquals(3, gen.next());
        assertEquals("END", Iter.next(gen.iterator(), (Object) "END"));
    }

    @Test
    void javaIterationIsLazyOneItemPerStepAndClosesNothing() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                for (int i = 0; i < 5; i++) {
                    log.add("make " + i);
                    y.yield(i);
                }
            } finally {
                log.add("finally");
            }
            return null;
        });
        for (int i : g) {
            log.add("got " + i);
            if (i == 1) {
                break;
            }
        }
        assertEquals(List.of("make 0", "got 0", "make 1", "got 1"), log);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(2, g.next());
        g.close();
        assertEquals("finally", log.get(log.size() - 1));
    }

    @Test
    void checkedExceptionsReachTheCallerAsTheSameInstance() throws Exception {
        IOException io = new IOException("disk");
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(1);
            throw io;
        });
        g.next();
        assertSame(io, assertThrows(IOException.class, g::next));
    }
}
