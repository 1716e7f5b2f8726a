package dev.coflow.stream.tck;

import dev.coflow.stream.RunningLoop;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterClass;

/** Reactive Streams TCK for {@code Publishers.from(loop, asyncIterable)}, on a loop of its own thread. */
public class AsyncGeneratorPublisherTckTest extends PublisherVerification<Long> {

    private final RunningLoop running = new RunningLoop();

    public AsyncGeneratorPublisherTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        running.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return Tck.asyncRange(running.loop, elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Tck.asyncFailing(running.loop);
    }
}
