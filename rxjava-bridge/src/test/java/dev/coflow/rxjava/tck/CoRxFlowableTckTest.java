package dev.coflow.rxjava.tck;

import dev.coflow.gen.Generator;
import dev.coflow.rxjava.CoRx;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/** Reactive Streams TCK for {@code CoRx.flowable(generator supplier)}; run once per suspension engine. */
public class CoRxFlowableTckTest extends PublisherVerification<Long> {

    public CoRxFlowableTckTest() {
        // Every signal here is synchronous or nearly so: short timeouts keep the suite fast.
        super(new TestEnvironment(300, 100), 5_000); // §3.13 GC wait: generous for a loaded CI machine
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return CoRx.flowable(() -> Generator.<Long, Void, Void>of(y -> {
            for (long i = 0; i < elements; i++) {
                y.yield(i);
            }
            return null;
        }));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return CoRx.flowable(() -> {
            throw new IllegalStateException("the generator supplier failed (expected by the TCK)");
        });
    }
}
