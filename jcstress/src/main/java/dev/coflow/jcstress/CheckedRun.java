package dev.coflow.jcstress;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs jcstress as {@code org.openjdk.jcstress.Main} does, with the same options, then prints each
 * test's outcomes and exits with status 1 if any test saw a FORBIDDEN or unexpected outcome, failed to
 * run (an error, a timeout, a crashed VM), did not run at all, or ran on another suspension engine than
 * the {@code -Dcoflow.engine=...} among {@code -jvmArgs} names (when there is one). jcstress alone fails
 * only through an exception from its report, and passes a run in which a test never ran.
 *
 * <p>Python counterpart: none; the build's gate over the jcstress run. Thread-safety: a program.
 *
 * <pre>{@code
 * java -cp jcstress/target/jcstress.jar dev.coflow.jcstress.CheckedRun -m quick -jvmArgs "-Dcoflow.engine=virtual"
 * }</pre>
 */
public final class CheckedRun {

    private CheckedRun() {}

    /**
     * Runs the tests, prints the verdict and exits: 0 when every selected test ran and passed, 1
     * otherwise, 2 for bad options.
     *
     * @param args jcstress's options ({@code -m}, {@code -t}, {@code -jvmArgs}...; {@code -h} lists them)
     */
    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (!options.parse()) {
            System.exit(2);
        }
        try {
            new JCStress(options).run();
        } catch (AssertionError failures) {
            // jcstress's last report throws this for failed tests; the verdict below lists them
        }
        System.out.flush();
        System.exit(verdict(options) ? 0 : 1);
    }

    private static boolean verdict(Options options) throws Exception {
        Set<String> expected = new TreeSet<>();
        Pattern filter = Pattern.compile(options.getTestFilter());
        for (String test : TestList.tests()) {
            if (filter.matcher(test).find()) { // as jcstress selects them
                expected.add(test);
            }
        }
        if (!new File(options.getResultFile()).exists()) {
            System.out.println("jcstress ran no test (selected: " + expected + ")");
            return false;
        }
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(options.getResultFile(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }

        String engine = null;
        for (String arg : options.getJvmArgs()) {
            if (arg.startsWith("-Dcoflow.engine=")) {
                engine = arg.substring("-Dcoflow.engine=".length());
            }
        }
        // Engines logs its choice once per JVM: "Coflow runs on the continuation engine", "... virtual-thread ..."
        String engineLog = engine == null ? "Coflow runs on the "
                : "Coflow runs on the " + (engine.equals("virtual") ? "virtual-thread" : engine) + " engine";
        System.out.println("Coflow jcstress outcomes (samples per outcome; a '!' marks a failing one):");
        List<String> failed = new ArrayList<>();
        Set<String> ran = new TreeSet<>();
        for (TestResult r : ReportUtils.mergedByName(collector.getTestResults())) {
            ran.add(r.getName());
            boolean ok = r.status() == Status.NORMAL;
            StringBuilder line = new StringBuilder();
            if (ok) {
                TestGrading grading = r.grading();
                ok = grading.isPassed;
                for (Map.Entry<String, GradingResult> e : grading.gradingResults.entrySet()) {
                    GradingResult g = e.getValue();
                    boolean bad = !TestGrading.passed(g.expect, g.count);
                    if (g.count > 0 || bad) {
                        line.append(String.format("%n    %s [%s] %,d %s", bad ? "!" : " ", g.id, g.count,
                                g.expect == Expect.ACCEPTABLE ? "" : g.expect + ": " + g.description));
                    }
                }
            } else {
                line.append(String.format("%n    %s: %s", r.status(), String.join(" / ", r.getMessages())));
            }
            if (r.getVmErr().stream().noneMatch(l -> l.contains(engineLog))) {
                ok = false;
                line.append(String.format("%n    ran without \"%s\" in its VM's log", engineLog));
            }
            System.out.printf("  %s %s (%,d samples)%s%n", ok ? "OK    " : "FAILED", r.getName(), r.getTotalCount(), line);
            if (!ok) {
                failed.add(r.getName());
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(ran);
        for (String m : missing) {
            System.out.println("  FAILED " + m + ": did not run");
            failed.add(m);
        }
        System.out.println("jcstress: " + (expected.size() - failed.size()) + " passed, " + failed.size() + " failed");
        return failed.isEmpty() && !expected.isEmpty();
    }
}
