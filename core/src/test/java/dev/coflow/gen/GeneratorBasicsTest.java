package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorBasicsTest {

    @Test
    void yieldsLazilyAndReturnsThroughStopIteration() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, String> g = Generator.of(y -> {
            log.add("start");
            y.yield(1);
            y.yield(2);
            return "done";
        });
        assertEquals(List.of(), log);
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(1, g.next());
        assertEquals(List.of("start"), log);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(2, g.next());
        StopIteration end = assertThrows(StopIteration.class, g::next);
        assertEquals("done", end.value());
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals("done", g.returnValue().orElseThrow());
        StopIteration again = assertThrows(StopIteration.class, g::next);
        assertEquals(null, again.value());
    }

    @Test
    void yieldFromForwardsSendAndReturnsSubResult() {
        Generator<Integer, Integer, Integer> sub = Generator.of(y -> {
            int total = 0;
            for (;;) {
                Integer v = y.yield(total);
                if (v == null) {
                    return total;
                }
                total += v;
            }
        });
        List<Object> seen = new ArrayList<>();
        Generator<Integer, Integer, Void> outer = Generator.of(y -> {
            Integer r = y.yieldFrom(sub);
            seen.add(r);
            y.yield(-1);
            return null;
        });
        assertEquals(0, outer.next());
        assertEquals(5, outer.send(5));
        assertEquals(12, outer.send(7));
        assertEquals(-1, outer.next());
        assertEquals(List.of(12), seen);
        assertEquals(GeneratorState.CLOSED, sub.state());
    }

    @Test
    void closeRunsFinally() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } finally {
                log.add("finally");
            }
            return null;
        });
        g.next();
        g.close();
        assertEquals(List.of("finally"), log);
        assertTrue(g.state() == GeneratorState.CLOSED);
    }
}
