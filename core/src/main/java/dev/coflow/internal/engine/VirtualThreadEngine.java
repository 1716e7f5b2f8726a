package dev.coflow.internal.engine;

import java.lang.ref.Cleaner;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The portable engine: a fiber's body runs in its own virtual thread, and control passes back and
 * forth with strict alternation, so the program behaves as if single threaded. A handoff spins
 * briefly before parking, because parking and unparking a platform caller costs tens of microseconds
 * on small machines (DESIGN.md).
 */
final class VirtualThreadEngine implements Engine {

    private static final Cleaner CLEANER = Cleaner.create(Thread.ofVirtual().factory());
    private static final ThreadLocal<@Nullable Fiber> CURRENT = new ThreadLocal<>();
    private static final int SPINS = 1 << 12;

    @Override
    public Fiber newFiber(Object owner, Object attachment, Runnable body) {
        VirtualFiber fiber = new VirtualFiber(attachment, body);
        // The action references only the fiber, never the owner, so the owner can become unreachable.
        CLEANER.register(owner, fiber::release);
        return fiber;
    }

    @Override
    public @Nullable Fiber currentFiber() {
        return CURRENT.get();
    }

    @Override
    public String name() {
        return "virtual";
    }

    private static final class VirtualFiber implements Fiber {
        private static final int CALLER = 0;
        private static final int BODY = 1;

        private final Object attachment;
        private final Runnable body;
        private @Nullable Thread thread;
        private volatile @Nullable Thread caller;
        private volatile int turn = CALLER;
        private volatile boolean done;
        private volatile boolean released;

        VirtualFiber(Object attachment, Runnable body) {
            this.attachment = attachment;
            this.body = body;
        }

        @Override
        public boolean resume() {
            caller = Thread.currentThread();
            Thread t = thread;
            turn = BODY;
            if (t == null) {
                t = Thread.ofVirtual().name("coflow-fiber").unstarted(this::runBody);
                thread = t;
                t.start();
            } else {
                LockSupport.unpark(t);
            }
            awaitTurn(CALLER);
            return done;
        }

        private void runBody() {
            CURRENT.set(this);
            try {
                if (!released) {
                    body.run();
                }
            } catch (FiberReleased expected) {
                // the body has unwound: its finally blocks ran
            } finally {
                done = true;
                turn = CALLER;
                Thread c = caller;
                if (c != null) {
                    LockSupport.unpark(c);
                }
            }
        }

        @Override
        public void suspend() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException(
                        "suspend called from outside the fiber's own body (a yield or await of one"
                                + " generator or coroutine made from inside another one's body?)");
            }
            turn = CALLER;
            LockSupport.unpark(caller);
            awaitTurn(BODY);
            if (released) {
                throw new FiberReleased();
            }
        }

        private void awaitTurn(int mine) {
            for (int i = 0; i < SPINS; i++) {
                if (turn == mine) {
                    return;
                }
                Thread.onSpinWait();
            }
            while (turn != mine) {
                LockSupport.park(this);
            }
        }

        /** Runs on the cleaner thread once the owner is unreachable. */
        void release() {
            Thread t = thread;
            if (t != null && !done) {
                released = true;
                turn = BODY;
                LockSupport.unpark(t);
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Object attachment() {
            return attachment;
        }
    }
}
