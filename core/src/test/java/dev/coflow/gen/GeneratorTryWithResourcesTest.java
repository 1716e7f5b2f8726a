package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A generator is AutoCloseable, so try-with-resources does what Python's
 * {@code with contextlib.closing(gen()) as g:} does: the body's {@code finally} runs when the block ends.
 */
class GeneratorTryWithResourcesTest {

    private final List<String> log = new ArrayList<>();

    private Generator<Integer, Void, Void> counting() {
        return Generator.of(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void leavingTheBlockClosesASuspendedGenerator() {
        Generator<Integer, Void, Void> outer;
        try (Generator<Integer, Void, Void> g = counting()) {
            outer = g;
            log.add("got " + g.next());
            log.add("got " + g.next());
        }
        assertEquals(List.of("got 0", "got 1", "finally"), log);
        assertEquals(GeneratorState.CLOSED, outer.state());
    }

    @Test
    void anExceptionLeavingTheBlockClosesItToo() {
        AtomicReference<Generator<Integer, Void, Void>> seen = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Generator<Integer, Void, Void> g = counting()) {
                seen.set(g);
                g.next();
                throw new IllegalStateException("consumer failed");
            }
        });
        assertEquals("consumer failed", e.getMessage());
        assertEquals(List.of("finally"), log);
        assertEquals(GeneratorState.CLOSED, seen.get().state());
    }

    @Test
    void aGeneratorThatNeverStartedRunsNothingOnClose() {
        try (Generator<Integer, Void, Void> g = counting()) {
            assertEquals(GeneratorState.CREATED, g.state());
        }
        assertEquals(List.of(), log);
    }
}
