package dev.coflow.benchmarks.aio;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK's own floor under {@link AioBenchmarks#gatherSleep0()} on the virtual-thread engine, with no
 * Coflow code: a loop on a virtual thread starts one virtual thread per task and waits for it to
 * suspend once (as at {@code await(sleep(0))}), then resumes each in turn and waits for it to finish.
 * Every wait is a {@code LockSupport.park}, every hand-back an {@code unpark}: the four transfers of
 * control that the engine's task needs (start, suspend, resume, finish). Time per task.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandoffFloorBenchmark {

    /** One body and whose turn it is: the loop's ({@code false}) or the body's ({@code true}). */
    private static final class Body {
        final Thread loop;
        volatile boolean bodysTurn = true;
        @SuppressWarnings("NullAway.Init") // set right after construction, before the first handoff
        Thread thread;

        Body(Thread loop) {
            this.loop = loop;
        }

        void handBack() {
            bodysTurn = false;
            LockSupport.unpark(loop);
        }

        void awaitTurn(boolean body) {
            while (bodysTurn != body) {
                LockSupport.park(this);
            }
        }
    }

    /** {@value AioBenchmarks#TASKS} tasks, each started, suspended once, resumed and finished. */
    @Benchmark
    @OperationsPerInvocation(AioBenchmarks.TASKS)
    public void startSuspendResumeFinish() throws InterruptedException {
        Thread loop = Thread.ofVirtual().unstarted(HandoffFloorBenchmark::run);
        loop.start();
        loop.join();
    }

    private static void run() {
        Body[] bodies = new Body[AioBenchmarks.TASKS];
        for (int i = 0; i < bodies.length; i++) {
            Body b = new Body(Thread.currentThread());
            bodies[i] = b;
            b.thread = Thread.ofVirtual().unstarted(() -> {
                b.handBack(); // suspends once
                b.awaitTurn(true);
                b.handBack(); // finishes
            });
            b.thread.start();
            b.awaitTurn(false);
        }
        for (Body b : bodies) {
            b.bodysTurn = true;
            LockSupport.unpark(b.thread);
            b.awaitTurn(false);
        }
    }
}
