package dev.coflow.aio;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A future's done-callback, scheduled as a handle that calls it with the future. */
final class DoneCallback<T extends @Nullable Object> extends Handle {

    private final Future<T> future;
    final Consumer<? super Future<T>> callback;

    DoneCallback(Future<T> future, Consumer<? super Future<T>> callback, Context context) {
        super(null, context);
        this.future = future;
        this.callback = callback;
    }

    @Override
    void run() {
        if (!cancelled()) {
            callback.accept(future);
        }
    }

    @Override
    public String toString() {
        return "<Handle " + callback + "(" + future + ")>";
    }
}
