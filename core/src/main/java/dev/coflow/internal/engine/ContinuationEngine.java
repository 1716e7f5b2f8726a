package dev.coflow.internal.engine;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.jspecify.annotations.Nullable;

/**
 * The fast engine: a fiber is a {@code jdk.internal.vm.Continuation} that runs on the thread that
 * resumes it, exactly as a Python generator frame runs on its caller's thread.
 *
 * <p>The current fiber is found by walking the thread's mounted continuations (the JDK keeps that
 * chain anyway), not through a {@code ThreadLocal}: a resume then costs no map lookups, and resumes
 * nest for free (a generator advanced from another generator's body is mounted inside it).
 *
 * <p>Abandoned suspended fibers are plain garbage: nothing runs when they are collected (no
 * {@code finally}), which is the one observable difference from CPython's reference counting.
 */
final class ContinuationEngine implements Engine {

    private static final ContinuationScope SCOPE = new ContinuationScope("coflow");

    @Override
    public Fiber newFiber(Object owner, Object attachment, Runnable body) {
        return new ContinuationFiber(attachment, body);
    }

    @Override
    public @Nullable Fiber currentFiber() {
        return (ContinuationFiber) Continuation.getCurrentContinuation(SCOPE);
    }

    @Override
    public boolean bodyRunsOnResumingThread() {
        return true;
    }

    @Override
    public String name() {
        return "continuation";
    }

    private static final class ContinuationFiber extends Continuation implements Fiber {
        private final Object attachment;

        ContinuationFiber(Object attachment, Runnable body) {
            super(SCOPE, body);
            this.attachment = attachment;
        }

        @Override
        public boolean resume() {
            run();
            return isDone();
        }

        @Override
        public void suspend() {
            if (Continuation.getCurrentContinuation(SCOPE) != this) {
                throw new IllegalStateException(Fiber.NOT_IN_BODY);
            }
            Continuation.yield(SCOPE);
        }

        /** Throws at the yield, inside the body, which then unwinds or catches it like any exception. */
        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException(Pinning.message(reason.name()));
        }

        @Override
        public Object attachment() {
            return attachment;
        }
    }
}
