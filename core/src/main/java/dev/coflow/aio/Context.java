package dev.coflow.aio;

import dev.coflow.internal.context.ThreadContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A set of {@link ContextVar} values: Python's {@code contextvars.Context}. Every task runs in its own
 * copy of the context that was current when it was created, and every callback scheduled with
 * {@code callSoon}/{@code callLater} runs in a copy of the context current when it was scheduled, so a
 * value set in one task is invisible to the others.
 *
 * <p>Thread-safety: a context is meant to be entered by one thread at a time (entering one that is
 * already entered fails, as in Python). Each thread outside an event loop has its own root context.
 *
 * <pre>{@code
 * ContextVar<String> user = new ContextVar<>("user");
 * Context ctx = Context.copyCurrent();
 * ctx.run(() -> user.set("ann"));
 * ctx.get(user);   // "ann"; outside ctx.run the current context is unchanged
 * }</pre>
 */
public final class Context {

    private static final ThreadLocal<@Nullable Context> ENTERED = new ThreadLocal<>();
    /**
     * Each thread's own context, used where nothing is entered and no task runs. Kept apart from
     * {@link #ENTERED} so that it never hides the task of a body that a pooled thread runs later.
     */
    private static final ThreadLocal<@Nullable Context> ROOT = new ThreadLocal<>();

    static {
        // A body resumed on another thread (a virtual-thread fiber, a carrier) sees the resumer's context,
        // as a Python generator runs in its caller's.
        ThreadContext.carry(new ThreadContext.CarriedLocal() {
            @Override
            public @Nullable Object get() {
                return carriedFromHere();
            }

            @Override
            public @Nullable Object set(@Nullable Object value) {
                Context before = ENTERED.get();
                ENTERED.set((Context) value);
                return before;
            }
        });
    }

    /** Immutable snapshot; {@link ContextVar#set} replaces it, so copies share it for free. */
    private Map<ContextVar<?>, Object> vars;
    private boolean entered;

    /** An empty context: Python's {@code Context()}. */
    public Context() {
        this(Map.of());
    }

    private Context(Map<ContextVar<?>, Object> vars) {
        this.vars = vars;
    }

    /**
     * A copy of the current context: Python's {@code contextvars.copy_context()}. Changes made in the
     * copy do not affect the original, nor the other way round. Cheap: no values are copied.
     */
    public static Context copyCurrent() {
        return new Context(currentVars());
    }

    /**
     * The context code runs in right now: the one entered on this thread (a callback's, or one entered
     * by {@link #run}); inside a coroutine body the context of the task driving it (bodies may run on
     * another thread with the virtual-thread engine); else this thread's root context.
     */
    static Context current() {
        Context c = ENTERED.get();
        if (c != null) {
            return c;
        }
        Task<?> task = RunningCoroutine.currentTask();
        return task != null ? task.context() : root();
    }

    /**
     * The values of the {@link #current()} context, without making a task's context object: a task
     * keeps only the values it was created with until something sets a variable in it or asks for it.
     */
    static Map<ContextVar<?>, Object> currentVars() {
        Context c = ENTERED.get();
        if (c != null) {
            return c.vars;
        }
        Task<?> task = RunningCoroutine.currentTask();
        return task != null ? task.contextVars() : root().vars;
    }

    private static Context root() {
        Context c = ROOT.get();
        if (c == null) {
            c = new Context();
            ROOT.set(c);
        }
        return c;
    }

    /**
     * The context a body resumed from here must see, or {@code null} when it finds its own: the entered
     * one; inside a coroutine body its task's; on a loop thread stepping a task nothing (the task's
     * coroutine finds its task); else this thread's root context.
     */
    private static @Nullable Context carriedFromHere() {
        Context c = ENTERED.get();
        if (c != null) {
            return c;
        }
        if (RunningCoroutine.core() != null) {
            Task<?> task = RunningCoroutine.currentTask();
            return task != null ? task.context() : null;
        }
        return RunningCoroutine.currentTask() != null ? null : root();
    }

    /** A context holding {@code vars}: how a task makes its own context the first time it needs one. */
    static Context of(Map<ContextVar<?>, Object> vars) {
        return new Context(vars);
    }

    Map<ContextVar<?>, Object> vars() {
        return vars;
    }

    /**
     * Runs {@code action} with this context as the current one, and returns its result: Python's
     * {@code ctx.run(callable)}. {@link ContextVar#set} inside changes this context.
     *
     * @throws IllegalStateException if this context is already entered ("cannot enter context: ... is
     *     already entered")
     */
    public <T> @Nullable T run(Callable<? extends @Nullable T> action) {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        Context outer = ENTERED.get();
        entered = true;
        ENTERED.set(this);
        try {
            return action.call();
        } catch (Exception e) {
            throw dev.coflow.internal.gen.Sneaky.raise(e);
        } finally {
            entered = false;
            ENTERED.set(outer);
        }
    }

    /** Makes this context current on this thread without the re-entry check; returns the previous one. */
    @Nullable Context enter() {
        Context outer = ENTERED.get();
        ENTERED.set(this);
        return outer;
    }

    /** Leaves no context entered (a task without a context object of its own); returns the one to restore. */
    static @Nullable Context enterNone() {
        Context outer = ENTERED.get();
        // set, not remove: a removed entry would be allocated again at every step's exit
        ENTERED.set(null);
        return outer;
    }

    static void exit(@Nullable Context outer) {
        ENTERED.set(outer);
    }

    /** The value of {@code var} in this context, or {@code null} if it has none here (no default applied). */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(ContextVar<T> var) {
        return (T) vars.get(var);
    }

    /** Whether {@code var} has a value in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return vars.containsKey(var);
    }

    /** Sets or (for a null value) removes {@code var}; returns the previous value or null. */
    @Nullable Object put(ContextVar<?> var, @Nullable Object value) {
        Map<ContextVar<?>, Object> next = new HashMap<>(vars);
        Object old = value == null ? next.remove(var) : next.put(var, value);
        vars = Map.copyOf(next);
        return old;
    }

    @Override
    public String toString() {
        return "<Context " + vars.size() + (vars.size() == 1 ? " var>" : " vars>");
    }
}
