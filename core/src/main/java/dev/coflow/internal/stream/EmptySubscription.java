package dev.coflow.internal.stream;

import org.reactivestreams.Subscription;

/**
 * The subscription handed to a subscriber that is told {@code onError} at once (§1.9: {@code onSubscribe}
 * comes first even then); requests and cancels on it do nothing, since nothing more will be signalled.
 */
public enum EmptySubscription implements Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
        // the stream has already terminated
    }

    @Override
    public void cancel() {
        // the stream has already terminated
    }
}
