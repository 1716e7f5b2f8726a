package dev.coflow.stream.tck;

import dev.coflow.aio.Coroutine;
import dev.coflow.stream.Publishers;
import dev.coflow.stream.RunningLoop;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterClass;

/** Reactive Streams TCK for a Task as a one-item Publisher ({@code Publishers.from(task)}). */
public class TaskPublisherTckTest extends PublisherVerification<Long> {

    private final RunningLoop running = new RunningLoop();

    public TaskPublisherTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        running.close();
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return Publishers.from(running.call(() -> running.loop.createTask(Coroutine.of(
                () -> elements == 0 ? null : 42L))));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Publishers.from(running.call(() -> running.loop.<Long>createTask(Coroutine.of(() -> {
            throw new IllegalStateException("the task failed (expected by the TCK)");
        }))));
    }
}
