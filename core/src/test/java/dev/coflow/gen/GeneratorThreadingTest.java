package dev.coflow.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A generator used from several threads: one step at a time, and "generator already executing" otherwise. */
class GeneratorThreadingTest {

    @Test
    void resumingFromAnotherThreadWhileTheBodyRunsFailsAndDoesNotDisturbIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            y.yield(0);
            entered.countDown();
            if (!proceed.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the body proceed");
            }
            y.yield(1);
            return null;
        });
        assertEquals(0, g.next());
        AtomicReference<Object> stepResult = new AtomicReference<>();
        Thread stepper = Thread.ofPlatform().start(() -> {
            try {
                stepResult.set(g.next());
            } catch (Throwable t) {
                stepResult.set(t);
            }
        });
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        assertEquals(GeneratorState.RUNNING, g.state());
        List<Executable> intrusions = List.of(g::next, () -> g.send(null),
                () -> g.throwInto(new IllegalArgumentException("intruder")), g::close);
        for (Executable intrusion : intrusions) {
            IllegalStateException e = assertThrows(IllegalStateException.class, intrusion);
            assertEquals("generator already executing", e.getMessage());
            assertEquals(GeneratorState.RUNNING, g.state());
        }
        proceed.countDown();
        assertTrue(stepper.join(Duration.ofSeconds(30)));
        assertEquals(1, stepResult.get());
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void eachStepMayRunOnADifferentThreadAndSeesThePreviousStepsWrites() throws Exception {
        int[] plain = new int[1];
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            for (int i = 0; ; i++) {
                plain[0] = i * 2;
                y.yield(i);
            }
        });
        for (int step = 0; step < 200; step++) {
            AtomicReference<Object> got = new AtomicReference<>();
            Thread.Builder builder = step % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
            Thread t = builder.start(() -> got.set(g.next()));
            assertTrue(t.join(Duration.ofSeconds(30)));
            assertEquals(step, got.get());
            assertEquals(step * 2, plain[0]);
        }
        g.close();
    }

    @Test
    void aYielderUsedFromAnotherThreadIsRejected() throws Exception {
        AtomicReference<Object> fromThread = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    y.yield(99);
                    fromThread.set("yielded?");
                } catch (IllegalStateException e) {
                    fromThread.set(e.getMessage());
                }
            });
            if (!t.join(Duration.ofSeconds(30))) {
                throw new AssertionError("helper thread hung");
            }
            y.yield(1);
            return null;
        });
        assertEquals(1, g.next());
        assertTrue(String.valueOf(fromThread.get()).startsWith("yield used outside its own generator's body"),
                String.valueOf(fromThread.get()));
    }

    @Test
    void aYielderUsedAfterItsBodyEndedIsRejected() {
        AtomicReference<Yielder<Integer, Void>> leaked = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            leaked.set(y);
            return null;
        });
        assertThrows(StopIteration.class, g::next);
        assertThrows(IllegalStateException.class, () -> leaked.get().yield(1));
    }

    @Test
    void anInterruptedCallerCompletesTheStepAndKeepsItsInterrupt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            entered.countDown();
            // uninterruptibly: on the continuation engine the body shares the caller's thread
            while (!proceedAwaited(proceed)) {
                Thread.onSpinWait();
            }
            y.yield(1);
            return null;
        });
        AtomicReference<Object> got = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            got.set(g.next());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        proceed.countDown();
        assertTrue(caller.join(Duration.ofSeconds(30)));
        assertEquals(1, got.get());
        assertEquals(true, stillInterrupted.get());
    }

    private static boolean proceedAwaited(CountDownLatch proceed) {
        try {
            return proceed.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return proceed.getCount() == 0;
        }
    }

    @Test
    void aBodyMayBlockWhileItsCallerIsAVirtualThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            blocked.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
            y.yield(1);
            return null;
        });
        AtomicReference<Object> got = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> got.set(g.next()));
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        release.countDown();
        assertTrue(caller.join(Duration.ofSeconds(30)));
        assertEquals(1, got.get());
        g.close();
    }
}
