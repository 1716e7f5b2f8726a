package dev.coflow.internal.gen;

import org.jspecify.annotations.Nullable;

/**
 * Takes the values a generator body yields while a Publisher streams it
 * ({@link GeneratorCore#streamTo}), so the body can run ahead within demand without suspending per item.
 *
 * @param <Y> the type of the values yielded
 */
@FunctionalInterface
public interface YieldSink<Y> {

    /**
     * Takes one yielded value, on the body's thread of control (or the resuming thread for a
     * {@code yieldAll} iterator).
     *
     * @return {@code true} to let the body run on to its next yield, {@code false} to suspend it here
     */
    boolean offer(@Nullable Y value);
}
