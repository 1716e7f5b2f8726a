package dev.coflow.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry's bounds, on a clock the test moves. */
class StreamMetricsTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final long R = RETENTION.toNanos();

    private final AtomicLong now = new AtomicLong(-5 * R); // nanoTime may be negative
    private final StreamMetrics metrics = new StreamMetrics(RETENTION, 3, now::get);

    @Test
    void aTagNamesOneEntryAndAskingAboutATagMakesNone() {
        assertNull(metrics.find("a"));
        assertEquals(0, metrics.size());
        StreamStats a = metrics.stats("a");
        assertSame(a, metrics.stats("a"));
        assertSame(a, metrics.find("a"));
        assertEquals(1, metrics.size());
    }

    @Test
    void anEndedStreamsEntryGoesTheRetentionAfterItsEnd() {
        StreamStats a = metrics.stats("a");
        a.onStart();
        now.addAndGet(3 * R); // a long stream: its age does not count, only the time since its end
        a.onEnd();
        now.addAndGet(R - 1);
        assertSame(a, metrics.find("a"));
        now.addAndGet(1);
        assertNull(metrics.find("a"));
    }

    @Test
    void aRunningStreamsEntryStaysAndOneThatNeverStartedGoesTheRetentionAfterItWasMade() {
        StreamStats running = metrics.stats("running");
        running.onStart();
        metrics.stats("never-started");
        now.addAndGet(R - 1);
        assertNotNull(metrics.find("never-started"));
        now.addAndGet(100 * R);
        assertNull(metrics.find("never-started"));
        assertSame(running, metrics.find("running"));
    }

    @Test
    void pastTheCapTheOldestEntryOfAStreamThatIsOverGoesFirstThenTheOldestOfAll() {
        metrics.stats("a").onStart();
        StreamStats b = metrics.stats("b");
        b.onStart();
        metrics.stats("c").onStart();
        b.onEnd();
        metrics.stats("d"); // full: b, which ended, goes, not a, which is older but runs
        assertNull(metrics.find("b"));
        assertEquals(3, metrics.size());
        metrics.stats("e"); // full: d, which never started, goes
        assertNull(metrics.find("d"));
        metrics.find("e").onStart();
        metrics.stats("f"); // full of running streams: the oldest, a, goes
        assertNull(metrics.find("a"));
        assertNotNull(metrics.find("c"));
        assertNotNull(metrics.find("e"));
        assertEquals(3, metrics.size());
    }
}
