package dev.coflow.rxjava.tck;

import static dev.coflow.aio.Aio.await;
import static dev.coflow.aio.Aio.sleep;

import dev.coflow.aio.AsyncGenerator;
import dev.coflow.aio.EventLoop;
import dev.coflow.rxjava.CoRx;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** Reactive Streams TCK for {@code CoRx.flowable(loop, asyncIterable)}, on a loop of its own thread. */
public class CoRxAsyncFlowableTckTest extends PublisherVerification<Long> {

    private final EventLoop loop = EventLoop.create();
    private final Thread loopThread = Thread.ofPlatform().name("tck-loop").start(loop::runForever);

    public CoRxAsyncFlowableTckTest() {
        super(new TestEnvironment(300, 100), 5_000); // §3.13 GC wait: generous for a loaded CI machine
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        loop.stop();
        loopThread.join(10_000);
        loop.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return CoRx.flowable(loop, () -> AsyncGenerator.<Long>of(y -> {
            for (long i = 0; i < elements; i++) {
                if (i % 8 == 0) {
                    await(sleep(Duration.ZERO)); // a real await now and then: items cross loop iterations
                }
                y.yield(i);
            }
        }));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return CoRx.<Long>flowable(loop, () -> {
            throw new IllegalStateException("aiter() failed (expected by the TCK)");
        });
    }
}
