package dev.coflow.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.engineprobe.EngineProbe;
import dev.coflow.gen.Generator;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/**
 * The engine is chosen once per JVM, so what a user sees at startup (the log line, a forced engine
 * that cannot run) is checked in a fresh JVM running {@link EngineProbe}, on the class path and on the
 * module path.
 */
class EngineSelectionInFreshJvmTest {

    private static final String CLASS_PATH_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";
    private static final String MODULE_PATH_FLAG = "--add-exports java.base/jdk.internal.vm=dev.coflow.core";

    @Test
    void onTheClassPathTheLogNamesTheExportToAllUnnamed() throws Exception {
        String out = run(classPath(), List.of());
        assertTrue(out.contains("Coflow runs on the virtual-thread engine; for the faster continuation engine,"
                + " start the JVM with " + CLASS_PATH_FLAG), out);
        assertTrue(out.contains("generator yielded 1"), out);
    }

    @Test
    void onTheModulePathTheLogNamesTheExportToCoflowsModule() throws Exception {
        String out = run(modulePath(), List.of());
        assertTrue(out.contains("start the JVM with " + MODULE_PATH_FLAG), out);

        String fast = run(modulePath(), List.of(MODULE_PATH_FLAG.split(" ")));
        assertTrue(fast.contains("Coflow runs on the continuation engine"), fast);
        assertTrue(fast.contains("generator yielded 1"), fast);
    }

    @Test
    void aForcedContinuationEngineWithoutTheExportFailsEachUseWithTheLogsSentence() throws Exception {
        String out = run(classPath(), List.of("-Dcoflow.engine=continuation"));
        String error = "java.lang.IllegalStateException: -Dcoflow.engine=continuation, but jdk.internal.vm is not"
                + " exported to Coflow: for the faster continuation engine, start the JVM with " + CLASS_PATH_FLAG;
        assertEquals(2, out.lines().filter(error::equals).count(), out);

        String onModulePath = run(modulePath(), List.of("-Dcoflow.engine=continuation"));
        assertEquals(2, onModulePath.lines().filter(l -> l.startsWith("java.lang.IllegalStateException:")
                && l.endsWith("start the JVM with " + MODULE_PATH_FLAG)).count(), onModulePath);
    }

    private static List<String> classPath() throws URISyntaxException {
        return List.of("-cp", String.join(File.pathSeparator, location(EngineProbe.class), location(Generator.class),
                location(Publisher.class), location(Nullable.class)));
    }

    private static List<String> modulePath() throws URISyntaxException {
        return List.of("--module-path", String.join(File.pathSeparator, location(Generator.class),
                        location(Publisher.class), location(Nullable.class)),
                "--add-modules", "dev.coflow.core", "-cp", location(EngineProbe.class));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs the probe in a new JVM of this JDK and returns what it printed (stdout and the log). */
    private static String run(List<String> paths, List<String> jvmFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(paths);
        command.add(EngineProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the probe JVM did not exit");
        return out;
    }
}
