package dev.coflow.internal.engine;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.jspecify.annotations.Nullable;

/**
 * The fast engine: a fiber is a {@code jdk.internal.vm.Continuation} that runs on the thread that
 * resumes it, exactly as a Python generator frame runs on its caller's thread.
 */
final class ContinuationEngine implements Engine {

    private static final ContinuationScope SCOPE = new ContinuationScope("coflow");

    /** Resume nests (a generator advanced from another generator's body), so the current one is a stack. */
    private static final ThreadLocal<@Nullable Fiber> CURRENT = new ThreadLocal<>();

    @Override
    public Fiber newFiber(Object owner, Object attachment, Runnable body) {
        return new ContinuationFiber(attachment, body);
    }

    @Override
    public @Nullable Fiber currentFiber() {
        return CURRENT.get();
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
            Fiber outer = CURRENT.get();
            CURRENT.set(this);
            try {
                run();
            } finally {
                CURRENT.set(outer);
            }
            return isDone();
        }

        @Override
        public void suspend() {
            if (CURRENT.get() != this) {
                throw new IllegalStateException(
                        "suspend called from outside the fiber's own body (a yield or await of one"
                                + " generator or coroutine made from inside another one's body?)");
            }
            Continuation.yield(SCOPE);
        }

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
