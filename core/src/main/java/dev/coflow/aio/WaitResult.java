package dev.coflow.aio;

import java.util.Set;

/**
 * What {@link Aio#wait} returns: the futures that are done and those still pending, Python's
 * {@code (done, pending)} tuple of sets. The sets iterate in the order the futures were passed.
 *
 * <pre>{@code
 * WaitResult<Task<String>> r = await(Aio.wait(tasks));
 * for (Task<String> t : r.done()) print(t.result());
 * }</pre>
 *
 * @param done the futures that are done
 * @param pending the futures not done yet (nothing was cancelled)
 * @param <F> the future type
 */
public record WaitResult<F extends Future<?>>(Set<F> done, Set<F> pending) {}
