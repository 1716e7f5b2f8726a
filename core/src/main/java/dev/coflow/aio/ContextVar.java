package dev.coflow.aio;

import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A variable whose value depends on the current {@link Context}: Python's
 * {@code contextvars.ContextVar}. Each task sees the values of the context it was created in, and its
 * own {@link #set} calls stay private to it; a coroutine awaited directly shares its caller's context.
 *
 * <p>Thread-safety: reads and writes act on the current thread's (or current task's) context, so a
 * variable may be shared freely; values themselves are not copied.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "none");
 *
 * ContextVar.Token<String> token = REQUEST_ID.set("r-42");
 * try {
 *     handle();                    // REQUEST_ID.get() == "r-42", here and in tasks created here
 * } finally {
 *     REQUEST_ID.reset(token);
 * }
 * }</pre>
 *
 * @param <T> the value type; values are never null (Python has no "set to nothing" either)
 */
public final class ContextVar<T> {

    private final String name;
    private final @Nullable T defaultValue;

    /** A variable without a default: {@link #get()} fails until it is set. */
    public ContextVar(String name) {
        this.name = name;
        this.defaultValue = null;
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} while it is not set. */
    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default.
     *
     * @throws NoSuchElementException (Python's LookupError) when it has neither
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.currentVars().get(this);
        if (v != null) {
            return (T) v;
        }
        T d = defaultValue;
        if (d == null) {
            throw new NoSuchElementException(this + " has no value in the current context and no default;"
                    + " set it first or use get(fallback)");
        }
        return d;
    }

    /** The value in the current context, else the default, else {@code fallback}. */
    @SuppressWarnings("unchecked")
    public @Nullable T get(@Nullable T fallback) {
        Object v = Context.currentVars().get(this);
        if (v != null) {
            return (T) v;
        }
        return defaultValue != null ? defaultValue : fallback;
    }

    /** Sets the value in the current context and returns a token that {@link #reset} uses to undo it. */
    @SuppressWarnings("unchecked")
    public Token<T> set(T value) {
        if (value == null) {
            throw new NullPointerException("ContextVar.set(value): value must not be null");
        }
        Context ctx = Context.current();
        Object old = ctx.put(this, value);
        return new Token<>(this, ctx, (T) old);
    }

    /**
     * Restores the value this variable had before the {@code set} that returned {@code token}: Python's
     * {@code var.reset(token)}.
     *
     * @throws IllegalArgumentException if the token belongs to another variable or context
     * @throws IllegalStateException if the token was already used
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        token.used = true;
        ctx.put(this, token.oldValue);
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'>";
    }

    /**
     * What {@link ContextVar#set} returns: remembers the previous value so that
     * {@link ContextVar#reset} can restore it, once. Python's {@code contextvars.Token}.
     *
     * @param <T> the variable's value type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final @Nullable T oldValue;
        private boolean used;

        private Token(ContextVar<T> var, Context context, @Nullable T oldValue) {
            this.var = var;
            this.context = context;
            this.oldValue = oldValue;
        }

        /** The variable this token belongs to. */
        public ContextVar<T> var() {
            return var;
        }

        /** The value before the {@code set}, or null if the variable had none in that context. */
        public @Nullable T oldValue() {
            return oldValue;
        }

        @Override
        public String toString() {
            return "<Token var=" + var + ">";
        }
    }
}
