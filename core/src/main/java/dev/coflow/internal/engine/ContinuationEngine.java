package dev.coflow.internal.engine;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.jspecify.annotations.Nullable;

/**
 * The fast engine for event loops: a coroutine's fiber is a {@code jdk.internal.vm.Continuation}, while
 * generators and async generators get a virtual thread of their own, as on the virtual-thread engine. A step that Coflow resumes from
 * a stack it owns (an event loop's own task step, see {@link Fiber#resumeOnCleanStack()}) runs on the
 * resuming thread, as a Python generator frame runs on its caller's thread; any other step runs on a
 * pooled carrier virtual thread while the caller waits ({@link Carriers}), because the JVM cannot
 * freeze a continuation safely while frames below it hold monitors.
 *
 * <p>The current fiber is found by walking the thread's mounted continuations (the JDK keeps that
 * chain anyway), not through a {@code ThreadLocal}: a resume then costs no map lookups, and resumes
 * nest for free (a generator advanced from another generator's body is mounted inside it).
 *
 * <p>An abandoned suspended coroutine's fiber is plain garbage: nothing runs when it is collected (its
 * task, which the loop keeps until it ends, is what runs a coroutine's {@code finally}).
 */
final class ContinuationEngine implements Engine {

    private static final ContinuationScope SCOPE = new ContinuationScope("coflow");
    /** Generators and async generators: see {@link Engine#newThreadFiber}. */
    private static final VirtualThreadEngine THREAD_FIBERS = new VirtualThreadEngine();
    /** Why the last yield on this thread was refused; only read right after a refused yield. */
    private static final ThreadLocal<String> PINNED = ThreadLocal.withInitial(() -> "UNKNOWN");

    @Override
    public Fiber newFiber(Object owner, Object attachment, Runnable body) {
        return new ContinuationFiber(attachment, body);
    }

    @Override
    public Fiber newThreadFiber(Object owner, Object attachment, Runnable body) {
        return THREAD_FIBERS.newFiber(owner, attachment, body);
    }

    /** The innermost continuation mounted on this thread, else the thread fiber whose body this thread runs. */
    @Override
    public @Nullable Fiber currentFiber() {
        Fiber c = (ContinuationFiber) Continuation.getCurrentContinuation(SCOPE);
        return c != null ? c : THREAD_FIBERS.currentFiber();
    }

    @Override
    public boolean bodiesRunOnVirtualThreads() {
        return false;
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
            Carriers.runStep(this);
            return isDone();
        }

        @Override
        public boolean resumeOnCleanStack() {
            run();
            return isDone();
        }

        /** Throws at the yield, inside the body, which then unwinds or catches it like any exception. */
        @Override
        public void suspend() {
            if (Continuation.getCurrentContinuation(SCOPE) != this) {
                throw new IllegalStateException(Fiber.NOT_IN_BODY);
            }
            if (!Continuation.yield(SCOPE)) {
                throw new IllegalStateException(Pinning.message(PINNED.get()));
            }
        }

        /**
         * Records why a yield failed instead of throwing here: this is also called when the carrier's
         * virtual thread fails to unmount through this continuation, and that thread must then park
         * pinned, not fail.
         */
        @Override
        protected void onPinned(Continuation.Pinned reason) {
            PINNED.set(reason.name());
        }

        @Override
        public Object attachment() {
            return attachment;
        }
    }
}
