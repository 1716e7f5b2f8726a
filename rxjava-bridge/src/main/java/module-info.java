/**
 * Coflow's RxJava 3 bridge: generators as {@code Flowable}, coroutines and tasks as {@code Single},
 * {@code Maybe} and {@code Completable}, the event loop as an RxJava {@code Scheduler}, and Rx types
 * awaited and iterated inside coroutines; see {@link dev.coflow.rxjava.CoRx}.
 */
module dev.coflow.rxjava {
    requires transitive dev.coflow.core;
    requires transitive io.reactivex.rxjava3;
    requires static transitive org.jspecify;

    exports dev.coflow.rxjava;
}
