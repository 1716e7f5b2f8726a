package dev.coflow.aio;

import java.util.ArrayDeque;

/**
 * A flag that coroutines wait on: Python's {@code asyncio.Event}. {@link #set()} wakes every waiter (in
 * the order they started waiting) and lets later waiters through at once, until {@link #clear()}.
 * Python's {@code event.wait()} is {@link #waitSet()} here, because {@code Object.wait()} is final in Java.
 *
 * <p>Thread-safety: loop-confined: use it only from coroutines and callbacks of the event loop it first
 * waits on (from another thread, {@code loop.callSoonThreadsafe(event::set)}).
 *
 * <pre>{@code
 * AsyncEvent ready = new AsyncEvent();
 * Task<Void> waiter = createTask(Coroutine.of(() -> {
 *     await(ready.waitSet());       // await ready.wait()
 *     print("go");
 *     return null;
 * }));
 * ready.set();
 * }</pre>
 */
public final class AsyncEvent extends LoopBound {

    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** A new event, not set. */
    public AsyncEvent() {}

    /** Whether the flag is set: Python's {@code event.is_set()}. */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiter: Python's {@code event.set()}. A no-op if it is set already. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.done()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /** Resets the flag, so that {@link #waitSet()} suspends again: Python's {@code event.clear()}. */
    public void clear() {
        value = false;
    }

    /**
     * A coroutine that returns {@code true} once the flag is set, at once (without suspending) if it is set
     * already: Python's {@code await event.wait()}.
     */
    public Coroutine<Boolean> waitSet() {
        return Coroutine.inline("AsyncEvent.waitSet", () -> {
            if (value) {
                return true;
            }
            awaitQueued(waiters, loop().createFuture());
            return true;
        });
    }

    @Override
    public String toString() {
        return "<AsyncEvent [" + (value ? "set" : "unset")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
