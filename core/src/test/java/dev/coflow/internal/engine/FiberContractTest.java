package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Fiber} contract, checked on a fresh instance of each engine whatever the JVM's engine is. */
class FiberContractTest {

    static Stream<Engine> engines() {
        return Stream.of(new ContinuationEngine(), new VirtualThreadEngine());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void resumeRunsUntilTheNextSuspendAndReportsTheEnd(Engine engine) {
        List<String> log = new ArrayList<>();
        AtomicReference<Fiber> self = new AtomicReference<>();
        Object owner = new Object();
        try {
            Fiber fiber = engine.newFiber(owner, "attachment", () -> {
                log.add("a");
                self.get().suspend();
                log.add("b");
            });
            self.set(fiber);
            assertFalse(fiber.isDone());
            assertFalse(fiber.resume());
            assertEquals(List.of("a"), log);
            assertTrue(fiber.resume());
            assertTrue(fiber.isDone());
            assertEquals(List.of("a", "b"), log);
            assertEquals("attachment", fiber.attachment());
        } finally {
            Reference.reachabilityFence(owner);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void currentFiberIsTheInnermostRunningBody(Engine engine) {
        AtomicReference<Fiber> inner = new AtomicReference<>();
        List<Object> seen = new ArrayList<>();
        Object owner = new Object();
        try {
            Fiber innerFiber = engine.newFiber(owner, "inner", () -> {
                seen.add(engine.currentFiber().attachment());
                inner.get().suspend();
            });
            inner.set(innerFiber);
            Fiber outer = engine.newFiber(owner, "outer", () -> {
                seen.add(engine.currentFiber().attachment());
                innerFiber.resume();
                seen.add(engine.currentFiber().attachment());
            });
            assertNull(engine.currentFiber());
            assertTrue(outer.resume());
            assertEquals(List.of("outer", "inner", "outer"), seen);
            assertNull(engine.currentFiber());
        } finally {
            Reference.reachabilityFence(owner);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void suspendFromOutsideTheBodyFails(Engine engine) {
        Object owner = new Object();
        try {
            AtomicReference<String> fromOtherBody = new AtomicReference<>();
            Fiber victim = engine.newFiber(owner, "victim", () -> {});
            Fiber intruder = engine.newFiber(owner, "intruder", () -> {
                try {
                    victim.suspend();
                } catch (IllegalStateException e) {
                    fromOtherBody.set(e.getMessage());
                }
            });
            IllegalStateException outside = assertThrows(IllegalStateException.class, victim::suspend);
            assertEquals(Fiber.NOT_IN_BODY, outside.getMessage());
            assertTrue(intruder.resume());
            assertEquals(Fiber.NOT_IN_BODY, fromOtherBody.get());
        } finally {
            Reference.reachabilityFence(owner);
        }
    }
}
