package dev.coflow.stream.tck;

import dev.coflow.stream.Publishers;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/** Reactive Streams TCK for the {@link Flow.Publisher} view of a generator Publisher. */
public class GeneratorFlowPublisherTckTest extends FlowPublisherVerification<Long> {

    public GeneratorFlowPublisherTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Publishers.toFlow(Tck.range(elements));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Publishers.toFlow(Tck.failing());
    }
}
