package dev.coflow.stream.tck;

import dev.coflow.aio.Coroutine;
import dev.coflow.stream.Publishers;
import dev.coflow.stream.RunningLoop;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/** Reactive Streams TCK for the {@link Flow.Publisher} view of a Task. */
public class TaskFlowPublisherTckTest extends FlowPublisherVerification<Long> {

    private final RunningLoop running = new RunningLoop();

    public TaskFlowPublisherTckTest() {
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
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Publishers.toFlow(Publishers.from(running.call(() -> running.loop.createTask(Coroutine.of(
                () -> elements == 0 ? null : 42L)))));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Publishers.toFlow(Publishers.from(running.call(() -> running.loop.<Long>createTask(Coroutine.of(() -> {
            throw new IllegalStateException("the task failed (expected by the TCK)");
        })))));
    }
}
