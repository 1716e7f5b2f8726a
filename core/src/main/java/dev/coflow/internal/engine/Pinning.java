package dev.coflow.internal.engine;

/**
 * Explains why the JDK refused to suspend a continuation, so that a pinned yield fails with its cause
 * instead of hanging.
 *
 * <p>What pins on JDK 25 (measured, see {@code PinningTest}): a yield below a native frame, most
 * commonly inside a static initializer (class initialisation is entered from the VM); a critical
 * section; running out of stack or memory while freezing. A yield inside {@code synchronized} pins on
 * JDK 21 to 23 only (JEP 491 lifted it in JDK 24); reflection and method handles do not pin.
 */
final class Pinning {
    private Pinning() {}

    /** The message for {@code jdk.internal.vm.Continuation.Pinned} {@code reason}, given by name. */
    static String message(String reason) {
        String where = switch (reason) {
            case "MONITOR" -> "inside a synchronized block or method, and this JDK cannot suspend while a"
                    + " monitor is held (JDK 24+ can): use a java.util.concurrent lock, or move the yield"
                    + " out of the synchronized block";
            case "NATIVE" -> "below a native frame, for example inside a static initializer or a JNI"
                    + " callback: move the yield out of the class initializer or native callback";
            case "CRITICAL_SECTION" -> "inside a JDK critical section (for example while a class is being"
                    + " loaded or initialized): move the yield out of it";
            case "EXCEPTION" -> "out of stack or memory while suspending: reduce the body's stack depth"
                    + " or give the JVM more memory";
            default -> "in a frame the JDK cannot suspend (" + reason + ")";
        };
        return "cannot yield or await here (pinned: " + reason + "): the body is " + where;
    }
}
