package dev.coflow.benchmarks.gen;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects on the heap, class by class, as {@code jcmd GC.class_histogram} counts them (after a
 * full GC): exact bytes per object, where "used heap" moves with GC regions and allocation buffers. The
 * footprint benchmarks compare two snapshots to say what each suspended generator or task retains.
 */
public final class LiveHeap {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Map<String, long[]> byClass;

    private LiveHeap(Map<String, long[]> byClass) {
        this.byClass = byClass;
    }

    /** Counts the live objects now (runs a full GC). */
    public static LiveHeap snapshot() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, long[]> rows = new HashMap<>();
            for (String line : histogram.lines().toList()) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    // Lambda and hidden classes carry an address; the same code has one name per run.
                    String name = m.group(3).replaceAll("/0x[0-9a-f]+", "");
                    long[] row = rows.computeIfAbsent(name, k -> new long[2]);
                    row[0] += Long.parseLong(m.group(1));
                    row[1] += Long.parseLong(m.group(2));
                }
            }
            return new LiveHeap(rows);
        } catch (JMException e) {
            throw new IllegalStateException("this JVM has no GC.class_histogram diagnostic command", e);
        }
    }

    /**
     * What appeared between {@code before} and this snapshot, per {@code n} objects of interest: the
     * total bytes, then each class that has at least one new instance per two objects, largest first.
     */
    public String growthSince(LiveHeap before, int n) {
        record Growth(String name, long instances, long bytes) {}
        List<Growth> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byClass.entrySet()) {
            long[] old = before.byClass.getOrDefault(e.getKey(), new long[2]);
            growth.add(new Growth(e.getKey(), e.getValue()[0] - old[0], e.getValue()[1] - old[1]));
        }
        growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
        long total = growth.stream().mapToLong(Growth::bytes).sum();
        StringBuilder sb = new StringBuilder(String.format("%.0f bytes each%n", (double) total / n));
        for (Growth g : growth) {
            if (g.instances() * 2 >= n) {
                sb.append(String.format("  %6.1f B  %4.2f x %s%n", (double) g.bytes() / n,
                        (double) g.instances() / n, g.name()));
            }
        }
        return sb.toString();
    }
}
