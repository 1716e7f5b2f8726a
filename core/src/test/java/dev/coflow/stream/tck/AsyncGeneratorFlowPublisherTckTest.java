package dev.coflow.stream.tck;

import dev.coflow.stream.Publishers;
import dev.coflow.stream.RunningLoop;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/** Reactive Streams TCK for the {@link Flow.Publisher} view of an async generator Publisher. */
public class AsyncGeneratorFlowPublisherTckTest extends FlowPublisherVerification<Long> {

    private final RunningLoop running = new RunningLoop();

    public AsyncGeneratorFlowPublisherTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        running.close();
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Publishers.toFlow(Tck.asyncRange(running.loop, elements));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Publishers.toFlow(Tck.asyncFailing(running.loop));
    }
}
