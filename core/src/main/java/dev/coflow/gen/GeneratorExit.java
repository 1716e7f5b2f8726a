package dev.coflow.gen;

/**
 * Thrown at a generator's suspension point by {@link Generator#close()}: Python's
 * {@code GeneratorExit}.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, so that {@code catch (Exception e)} in a body
 * does not swallow it, just as {@code except Exception} does not catch Python's (a
 * {@code BaseException}). A body may catch it to clean up, but must not yield afterwards (that fails
 * with "generator ignored GeneratorExit"). Instances carry no stack trace and are immutable.
 *
 * <pre>{@code
 * Generator.of(y -> {
 *     try { y.yield(1); } finally { System.out.println("cleaned up"); }   // runs on close()
 *     return null;
 * });
 * }</pre>
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates one; {@code close()} does this for you. */
    public GeneratorExit() {
        super(null, null, false, false);
    }
}
