package dev.coflow.internal.gen;

import dev.coflow.gen.Generator;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reaches a public {@link Generator}'s core from internal code without a public accessor, the way the
 * JDK's SharedSecrets do: {@code Generator} registers the function when its class initialises, which
 * happens before any generator exists.
 */
public final class GeneratorAccess {
    private static volatile @Nullable Function<Generator<?, ?, ?>, GeneratorCore<?, ?, ?>> access;

    private GeneratorAccess() {}

    /** Called once, by {@code Generator}'s static initializer, with the function that reads a core. */
    public static void register(Function<Generator<?, ?, ?>, GeneratorCore<?, ?, ?>> function) {
        access = function;
    }

    @SuppressWarnings("unchecked")
    public static <Y, R> GeneratorCore<Y, ?, R> core(Generator<? extends Y, ?, R> generator) {
        return (GeneratorCore<Y, ?, R>) Objects.requireNonNull(access).apply(generator);
    }
}
