package dev.coflow.internal.engine;

/** Explains why the JDK refused to suspend, so a pinned yield fails with a cause instead of hanging. */
final class Pinning {
    private Pinning() {}

    static String message(String reason) {
        String where = switch (reason) {
            case "MONITOR" -> "inside a synchronized block or method (this JDK cannot suspend while a"
                    + " monitor is held; use a java.util.concurrent lock or move the yield out)";
            case "NATIVE" -> "below a native frame (for example a static initializer, reflection or"
                    + " a JNI callback); yield from plain Java code instead";
            case "CRITICAL_SECTION" -> "inside a JDK critical section (for example a class initializer)";
            default -> "in a frame the JDK cannot suspend (" + reason + ")";
        };
        return "cannot yield or await here: the body is " + where;
    }
}
