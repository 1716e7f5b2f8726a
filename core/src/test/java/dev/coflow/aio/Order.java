package dev.coflow.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * States the exact order of events in a test, as kotlinx's TestBase does: each {@code expect(n)} must be
 * the n-th event, {@code finish(n)} the last one.
 */
final class Order {
    private int last;
    private boolean finished;

    void expect(int n) {
        if (finished) {
            fail("expect(" + n + ") after finish(" + last + ")");
        }
        assertEquals(last + 1, n, "events out of order: expected step " + (last + 1) + " next, but step " + n
                + " happened");
        last = n;
    }

    void finish(int n) {
        expect(n);
        finished = true;
    }

    void unreached() {
        fail("this point must not be reached (after step " + last + ")");
    }

    void assertFinished(int n) {
        assertEquals(n, last, "not all steps ran");
        if (!finished) {
            fail("finish(" + n + ") was not called");
        }
    }
}
