package dev.coflow.stream.tck;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** Reactive Streams TCK for {@code Publishers.from(generator supplier)}; core runs it once per engine. */
public class GeneratorPublisherTckTest extends PublisherVerification<Long> {

    public GeneratorPublisherTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return Tck.range(elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Tck.failing();
    }
}
