package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/python-semantics.md, section C: {@code yield from} (PEP 380), as {@link Yielder#yieldFrom} for
 * generators and {@link Yielder#yieldAll} for plain iterables.
 *
 * <p>Not applicable here: C17's {@code yield from 5} (does not compile; {@code null} is tested),
 * C18-C19 (coroutines and futures are {@code dev.coflow.aio}'s).
 */
class YieldFromTest {

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    /** CPython's {@code test_delegation_of_send}. */
    @Test
    void c1_sendGoesStraightToTheSubgenerator() {
        List<String> trace = new ArrayList<>();
        Generator<String, Integer, Void> g2 = Generator.of(y -> {
            trace.add("Starting g2");
            trace.add("g2 received " + y.yield("g2 spam"));
            trace.add("g2 received " + y.yield("g2 more spam"));
            trace.add("Finishing g2");
            return null;
        });
        Generator<String, Integer, Void> g1 = Generator.of(y -> {
            trace.add("Starting g1");
            trace.add("g1 received " + y.yield("g1 ham"));
            y.yieldFrom(g2);
            trace.add("g1 received " + y.yield("g1 eggs"));
            trace.add("Finishing g1");
            return null;
        });
        g1.next();
        int x = 1;
        try {
            for (;;) {
                trace.add("Yielded " + g1.send(x));
                x++;
            }
        } catch (StopIteration end) {
            trace.add("StopIteration");
        }
        assertEquals(List.of("Starting g1", "g1 received 1", "Starting g2", "Yielded g2 spam",
                "g2 received 2", "Yielded g2 more spam", "g2 received 3", "Finishing g2",
                "Yielded g1 eggs", "g1 received 4", "Finishing g1", "StopIteration"), trace);
    }

    @Test
    void c2_theFirstNextIsDelegatedThroughAndAnEmptySubYieldsNothing() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> b = Generator.of(y -> {
            trace.add("Starting b");
            y.yield(42);
            trace.add("Finishing b");
            return null;
        });
        Generator<Integer, Void, Void> a = Generator.of(y -> {
            trace.add("Starting a");
            y.yieldFrom(b);
            trace.add("Finishing a");
            return null;
        });
        for (int v : a) {
            trace.add("Yielded " + v);
        }
        assertEquals(List.of("Starting a", "Starting b", "Yielded 42", "Finishing b", "Finishing a"), trace);

        Generator<Integer, Void, Void> empty = Generator.of(y -> null);
        Generator<Integer, Void, String> outer = Generator.of(y -> {
            y.yieldFrom(empty);
            return "nothing yielded";
        });
        assertEquals("nothing yielded", assertThrows(StopIteration.class, outer::next).value());
    }

    record Average(int total, int count, double average) {}

    /** The seed's {@code average_gen}. */
    static Generator<Double, Integer, Average> averageGen() {
        return Generator.of(y -> {
            int total = 0;
            int count = 0;
            double average = 0;
            for (;;) {
                Integer newNum = y.yield(average);
                if (newNum == null) {
                    break;
                }
                count++;
                total += newNum;
                average = (double) total / count;
            }
            return new Average(total, count, average);
        });
    }

    /** The seed's {@code proxy_gen}, printing into {@code out}. */
    static Generator<Double, Integer, Void> proxyGen(List<String> out) {
        return Generator.of(y -> {
            for (;;) {
                Average r = y.yieldFrom(averageGen());
                out.add("done: count=" + r.count() + " total=" + r.total() + " average=" + r.average());
            }
        });
    }

    /** The seed's caller / delegating generator / subgenerator trace (07-yield-from-delegation.out). */
    @Test
    void c3_c4_seedAverageGenThroughProxyGen() {
        List<String> out = new ArrayList<>();
        Generator<Double, Integer, Void> calcAverage = proxyGen(out);
        out.add(String.valueOf(calcAverage.next()));
        out.add(String.valueOf(calcAverage.send(10)));
        out.add(String.valueOf(calcAverage.send(20)));
        out.add(String.valueOf(calcAverage.send(30)));
        out.add(String.valueOf(calcAverage.send(null)));
        out.add(String.valueOf(calcAverage.send(5)));
        assertEquals(List.of("0.0", "10.0", "15.0", "20.0", "done: count=3 total=60 average=20.0", "0.0", "5.0"), out);
    }

    @Test
    void c5_returnValuesPassThroughUnchanged() {
        StopIteration stop3 = new StopIteration(3);
        for (Object value : new Object[] {null, 1, List.of(2), stop3}) {
            Generator<Integer, Void, Object> sub = Generator.of(y -> value);
            AtomicReference<Object> got = new AtomicReference<>("unset");
            Generator<Integer, Void, Void> outer = Generator.of(y -> {
                got.set(y.yieldFrom(sub));
                return null;
            });
            assertThrows(StopIteration.class, outer::next);
            assertSame(value, got.get());
        }
    }

    static Generator<String, Void, String> lunchSub(List<String> log) {
        return Generator.of(y -> {
            try {
                for (;;) {
                    try {
                        y.yield("sub ready");
                    } catch (Boom b) {
                        log.add("sub handled " + b.getMessage());
                        y.yield("sub recovered");
                    }
                }
            } finally {
                log.add("sub finally");
            }
        });
    }

    static Generator<String, Void, Void> lunchOuter(List<String> log, Generator<String, Void, String> sub) {
        return Generator.of(y -> {
            try {
                log.add("outer got " + y.yieldFrom(sub));
            } finally {
                log.add("outer finally");
            }
            return null;
        });
    }

    @Test
    void c6_throwReachesTheInnermostYieldAndACatchThatYieldsReturnsThatValue() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = lunchOuter(log, lunchSub(log));
        assertEquals("sub ready", g.next());
        assertEquals("sub recovered", g.throwInto(new Boom("lunch saved")));
        assertEquals("sub ready", g.next());
        assertEquals(List.of("sub handled lunch saved"), log);
    }

    @Test
    void c7_anUncaughtThrowUnwindsSubThenDelegatorAndReachesTheCaller() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> sub = lunchSub(log);
        Generator<String, Void, Void> g = lunchOuter(log, sub);
        g.next();
        IllegalStateException nobody = new IllegalStateException("nobody catches this");
        assertSame(nobody, assertThrows(IllegalStateException.class, () -> g.throwInto(nobody)));
        assertEquals(List.of("sub finally", "outer finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(GeneratorState.CLOSED, sub.state());
    }

    @Test
    void c8_aSubThatCatchesAndReturnsLetsTheDelegatorContinue() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, String> sub = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Boom b) {
                return "recovered";
            }
            return "normal";
        });
        Generator<Object, Void, Void> g = Generator.of(y -> {
            log.add("r=" + y.yieldFrom(sub));
            y.yield("next");
            return null;
        });
        g.next();
        assertEquals("next", g.throwInto(new Boom("x")));
        assertEquals(List.of("r=recovered"), log);
    }

    @Test
    void c9_theDelegatorCanCatchWhatPropagatesOutOfTheSubAndKeepYielding() {
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            y.yield(1);
            throw new Boom("sub failed");
        });
        Generator<Object, Void, Void> g = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } catch (Boom b) {
                y.yield("delegator caught " + b.getMessage());
            }
            y.yield("still going");
            return null;
        });
        assertEquals(1, g.next());
        assertEquals("delegator caught sub failed", g.next());
        assertEquals("still going", g.next());
    }

    @Test
    void c10_throwWhileDelegatingToAPlainIteratorIsRaisedInTheDelegator() {
        Generator<Object, Void, Void> g = Generator.of(y -> {
            try {
                y.yieldAll(List.of(1, 2, 3));
            } catch (Boom b) {
                y.yield("caught at yieldAll: " + b.getMessage());
            }
            return null;
        });
        assertEquals(1, g.next());
        assertEquals("caught at yieldAll: x", g.throwInto(new Boom("x")));
    }

    @Test
    void c11_closeClosesTheSubFirstThenTheDelegator() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> sub = lunchSub(log);
        Generator<String, Void, Void> g = lunchOuter(log, sub);
        g.next();
        g.close();
        assertEquals(List.of("sub finally", "outer finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(GeneratorState.CLOSED, sub.state());
    }

    @Test
    void c12_anExceptionInTheSubsFinallyDuringClosePropagates() {
        List<String> log = new ArrayList<>();
        Boom cleanup = new Boom("sub cleanup failed");
        @SuppressWarnings("finally") // the body raises in its finally, the failure under test
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            try {
                y.yield(1);
            } finally {
                throw cleanup;
            }
        });
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } finally {
                log.add("outer finally");
            }
            return null;
        });
        g.next();
        assertSame(cleanup, assertThrows(Boom.class, g::close));
        assertEquals(List.of("outer finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c13_throwingGeneratorExitIntoADelegator() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, String> subReturns = Generator.of(y -> {
            try {
                y.yield("sub");
            } catch (GeneratorExit exit) {
                trace.add("sub caught GE, returns");
                return "r";
            }
            return "normal";
        });
        Generator<String, Void, Void> delegator = Generator.of(y -> {
            try {
                String r = y.yieldFrom(subReturns);
                trace.add("after yield from " + r);
            } finally {
                trace.add("deleg finally");
            }
            return null;
        });
        delegator.next();
        assertThrows(GeneratorExit.class, () -> delegator.throwInto(new GeneratorExit()));
        assertEquals(List.of("sub caught GE, returns", "deleg finally"), trace);

        trace.clear();
        Generator<String, Void, Void> subYields = Generator.of(y -> {
            try {
                y.yield("sub");
            } catch (GeneratorExit exit) {
                y.yield("again");
            }
            return null;
        });
        Generator<String, Void, Void> delegator2 = Generator.of(y -> {
            try {
                y.yieldFrom(subYields);
            } catch (RuntimeException e) {
                trace.add("deleg got " + e.getMessage());
                throw e;
            }
            return null;
        });
        delegator2.next();
        RuntimeException e = assertThrows(RuntimeException.class, () -> delegator2.throwInto(new GeneratorExit()));
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(List.of("deleg got generator ignored GeneratorExit"), trace);

        Boom other = new Boom("other");
        Generator<String, Void, Void> subRaises = Generator.of(y -> {
            try {
                y.yield("sub");
            } catch (GeneratorExit exit) {
                throw other;
            }
            return null;
        });
        Generator<String, Void, Void> delegator3 = Generator.of(y -> {
            y.yieldFrom(subRaises);
            return null;
        });
        delegator3.next();
        assertSame(other, assertThrows(Boom.class, () -> delegator3.throwInto(new GeneratorExit())));
    }

    static final class ClosableIterator implements Iterator<Integer>, AutoCloseable {
        final List<String> log;

        ClosableIterator(List<String> log) {
            this.log = log;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return 1;
        }

        @Override
        public void close() {
            log.add("It.close");
        }
    }

    @Test
    void c14_closeWhileDelegatingToAPlainIteratorClosesItIfClosable() {
        List<String> log = new ArrayList<>();
        for (Iterable<Integer> items : List.<Iterable<Integer>>of(List.of(1, 2), () -> new ClosableIterator(log))) {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                try {
                    y.yieldAll(items);
                } finally {
                    log.add("d finally");
                }
                return null;
            });
            g.next();
            g.close();
            assertEquals(GeneratorState.CLOSED, g.state());
        }
        assertEquals(List.of("d finally", "It.close", "d finally"), log);
    }

    @Test
    @SuppressWarnings("StreamToIterable") // a one-shot Iterable on purpose: yieldAll iterates it once
    void c15_yieldAllAcceptsAnyIterable() {
        Map<String, Integer> dict = new LinkedHashMap<>();
        dict.put("name", 1);
        dict.put("age", 18);
        Generator<Object, Void, Void> genexp = Generator.of(y -> {
            for (int i = 4; i < 8; i++) {
                y.yield(i);
            }
            return null;
        });
        Generator<Object, Void, Void> gen = Generator.of(y -> {
            y.yieldAll(List.of("A", "B", "C"));
            y.yieldAll(List.of(1, 2, 3));
            y.yieldAll(dict.keySet());
            y.yieldAll(genexp);
            y.yieldAll(Stream.<Object>of("s")::iterator);
            return null;
        });
        List<Object> all = new ArrayList<>();
        gen.forEach(all::add);
        assertEquals(List.of("A", "B", "C", 1, 2, 3, "name", "age", 4, 5, 6, 7, "s"), all);
    }

    @Test
    void c16_sendingAValueToAPlainIteratorFailsInTheDelegator() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Integer, Void> g = Generator.of(y -> {
            try {
                y.yieldAll(List.of(0, 1, 2));
            } finally {
                log.add("d finally");
            }
            return null;
        });
        assertEquals(0, g.next());
        assertEquals(1, g.send(null));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> g.send(42));
        assertTrue(e.getMessage().contains("object has no attribute 'send'"), e.getMessage());
        assertEquals(List.of("d finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c17_aNullDelegateFailsWhenReachedNotAtCreation() {
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(1);
            y.yieldAll(null);
            return null;
        });
        assertEquals(1, g.next());
        NullPointerException e = assertThrows(NullPointerException.class, g::next);
        assertTrue(e.getMessage().startsWith("yieldAll(items)"), e.getMessage());
    }

    /** The three-level chain of 07-yield-from-delegation.py: outermost → middle → inner. */
    static final class Chain {
        final List<String> log = new ArrayList<>();
        final AtomicReference<Generator<String, String, Void>> root = new AtomicReference<>();
        final List<GeneratorState> seenWhileInnerRuns = new ArrayList<>();
        final Generator<String, String, String> inner;
        final Generator<String, String, String> middle;
        final Generator<String, String, Void> outer;

        Chain() {
            inner = Generator.of(y -> {
                try {
                    String x = y.yield("inner-1");
                    seenWhileInnerRuns.add(root.get().state());
                    seenWhileInnerRuns.add(middleState());
                    y.yield("outermost seen from inner: " + root.get().state());
                    return "inner-ret(" + x + ")";
                } finally {
                    log.add("inner finally");
                }
            });
            middle = Generator.of(y -> {
                try {
                    return "middle-ret(" + y.yieldFrom(inner) + ")";
                } finally {
                    log.add("middle finally");
                }
            });
            outer = Generator.of(y -> {
                try {
                    String r = y.yieldFrom(middle);
                    y.yield("outer got " + r);
                } finally {
                    log.add("outer finally");
                }
                return null;
            });
            root.set(outer);
        }

        GeneratorState middleState() {
            return middle.state();
        }

        List<GeneratorState> states() {
            return List.of(outer.state(), middle.state(), inner.state());
        }
    }

    @Test
    void c20_theChainIsLinkedAndAllSuspended() {
        Chain c = new Chain();
        assertEquals("inner-1", c.outer.next());
        assertSame(c.middle, c.outer.yieldingFrom().orElseThrow());
        assertSame(c.inner, c.middle.yieldingFrom().orElseThrow());
        assertTrue(c.inner.yieldingFrom().isEmpty());
        assertEquals(List.of(GeneratorState.SUSPENDED, GeneratorState.SUSPENDED, GeneratorState.SUSPENDED), c.states());
    }

    @Test
    void c21_c23_oneSendEndsInnerAndMiddleAndEveryDelegatorIsRunningMeanwhile() {
        Chain c = new Chain();
        c.outer.next();
        assertEquals("outermost seen from inner: RUNNING", c.outer.send("B"));
        assertEquals(List.of(GeneratorState.RUNNING, GeneratorState.RUNNING), c.seenWhileInnerRuns);
        assertEquals("outer got middle-ret(inner-ret(B))", c.outer.next());
        assertEquals(List.of(GeneratorState.SUSPENDED, GeneratorState.CLOSED, GeneratorState.CLOSED), c.states());
        assertEquals(List.of("inner finally", "middle finally"), c.log);
        assertEquals("END", Iter.next(c.outer.iterator(), (Object) "END"));
    }

    @Test
    void c22_throwReachesTheInnermostAndCloseRunsFinallyInnermostFirst() {
        Chain thrown = new Chain();
        thrown.outer.next();
        Boom boom = new Boom("deep");
        assertSame(boom, assertThrows(Boom.class, () -> thrown.outer.throwInto(boom)));
        assertEquals(List.of("inner finally", "middle finally", "outer finally"), thrown.log);

        Chain closed = new Chain();
        closed.outer.next();
        closed.outer.close();
        assertEquals(List.of("inner finally", "middle finally", "outer finally"), closed.log);
        assertEquals(List.of(GeneratorState.CLOSED, GeneratorState.CLOSED, GeneratorState.CLOSED), closed.states());
    }

    @Test
    void c24_anErrorInTheSubsFirstStepUnwindsBothAndPep479ReachesTheDelegator() {
        List<String> trace = new ArrayList<>();
        Boom keyError = new Boom("k");
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            try {
                throw keyError;
            } finally {
                trace.add("s finally");
            }
        });
        Generator<Integer, Void, Void> d = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } finally {
                trace.add("d finally");
            }
            return null;
        });
        assertSame(keyError, assertThrows(Boom.class, d::next));
        assertEquals(List.of("s finally", "d finally"), trace);
        assertEquals(GeneratorState.CLOSED, d.state());

        Generator<Object, Void, Void> raisesStop = Generator.of(y -> {
            throw new StopIteration("x");
        });
        Generator<Object, Void, Void> catches = Generator.of(y -> {
            try {
                y.yieldFrom(raisesStop);
            } catch (RuntimeException e) {
                y.yield("deleg got RuntimeException " + e.getMessage());
            }
            return null;
        });
        assertEquals("deleg got RuntimeException generator raised StopIteration", catches.next());
    }

    @Test
    void c25_aDelegationCycleFailsWithAlreadyExecuting() {
        AtomicReference<Generator<Integer, Void, Void>> first = new AtomicReference<>();
        Generator<Integer, Void, Void> g2 = Generator.of(y -> {
            y.yieldFrom(first.get());
            return null;
        });
        Generator<Integer, Void, Void> g1 = Generator.of(y -> {
            y.yieldFrom(g2);
            return null;
        });
        first.set(g1);
        IllegalStateException e = assertThrows(IllegalStateException.class, g1::next);
        assertEquals("generator already executing", e.getMessage());
        assertEquals(GeneratorState.CLOSED, g1.state());
        assertEquals(GeneratorState.CLOSED, g2.state());
    }

    @Test
    void c26_afterAnExceptionPropagatesOutBothAreClosed() {
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            y.yield(1);
            throw new Boom("out");
        });
        Generator<Integer, Void, Void> d = Generator.of(y -> {
            y.yieldFrom(sub);
            return null;
        });
        d.next();
        assertThrows(Boom.class, d::next);
        assertEquals(GeneratorState.CLOSED, d.state());
        assertEquals(GeneratorState.CLOSED, sub.state());
        assertNull(d.yieldingFrom().orElse(null));
    }

    /** The seed's echo/delegator two-way channel (06-yield-from-basics.out). */
    @Test
    void seedEchoDelegatorTwoWayChannel() {
        List<String> out = new ArrayList<>();
        Generator<String, String, String> echo = Generator.of(y -> {
            String received = null;
            for (;;) {
                received = y.yield("echo: " + (received == null ? "None" : received));
                if ("stop".equals(received)) {
                    return "echo stopped";
                }
            }
        });
        Generator<String, String, Void> delegator = Generator.of(y -> {
            String result = y.yieldFrom(echo);
            out.add("  delegator got return value: '" + result + "'");
            y.yield("delegator continues");
            return null;
        });
        out.add(delegator.next());
        out.add(delegator.send("hello"));
        out.add(delegator.send("42"));
        out.add(delegator.send("stop"));
        out.add(String.valueOf(Iter.next(delegator.iterator(), "END")));
        assertEquals(List.of("echo: None", "echo: hello", "echo: 42",
                "  delegator got return value: 'echo stopped'", "delegator continues", "END"), out);
    }
}
