package dev.coflow.examples.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The guides under {@code docs/} cannot rot: every {@code ```java} block in them is a complete compilation
 * unit, and all the blocks of one guide are compiled together against this module's test class path
 * (Coflow, its bridges, Spring WebFlux, reactor-test, RxJava, JUnit). A block that stops compiling fails
 * the build, naming the guide, the block and javac's message.
 */
class DocsCodeBlocksTest {

    private static final Path DOCS = Path.of("").toAbsolutePath().resolveSibling("docs");
    private static final Pattern EXCERPT = Pattern.compile("// excerpt of (\\S+)\n");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfEveryGuideCompiles() throws IOException {
        List<Path> guides;
        try (Stream<Path> files = Files.list(DOCS)) {
            guides = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        assertFalse(guides.isEmpty(), "no guides found in " + DOCS);
        return guides.stream().map(guide -> DynamicTest.dynamicTest(guide.getFileName().toString(), () -> compile(guide)));
    }

    @Test
    void theReadmeLinksEveryGuide() throws IOException {
        String readme = Files.readString(DOCS.resolveSibling("README.md"));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md"))
                    .forEach(f -> assertTrue(readme.contains("(docs/" + f.getFileName() + ")"),
                            "README.md does not link docs/" + f.getFileName()));
        }
    }

    private static void compile(Path guide) throws IOException {
        List<JavaFileObject> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(guide));
        int n = 0;
        while (m.find()) {
            String where = guide.getFileName() + " block " + ++n;
            Matcher excerpt = EXCERPT.matcher(m.group(1));
            if (excerpt.lookingAt()) {
                assertExcerptOf(DOCS.resolveSibling(excerpt.group(1)), m.group(1).substring(excerpt.end()), where);
            } else {
                blocks.add(new Block(where, m.group(1)));
            }
        }
        if (blocks.isEmpty()) {
            return; // a guide without Java code has nothing to compile
        }
        Path out = Files.createTempDirectory("docs-classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(null, null, diagnostics,
                List.of("-d", out.toString(), "-classpath", classPath, "-proc:none", "-Xlint:-options"),
                null, blocks).call();
        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? guide.toString() : ((Block) d.getSource()).where;
                errors.append('\n').append(where).append(", line ").append(d.getLineNumber()).append(": ")
                        .append(d.getMessage(Locale.ROOT));
            }
        }
        assertTrue(ok, "a Java block of " + guide + " does not compile:" + errors);
    }

    /**
     * A block that starts with {@code // excerpt of <path>} shows part of a source file the build
     * compiles: each of its lines, but "..." ones, must appear in that file, in order, indentation aside.
     */
    private static void assertExcerptOf(Path source, String block, String where) throws IOException {
        List<String> file = Files.readAllLines(source).stream().map(String::strip).toList();
        int at = 0;
        for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("...")).toList()) {
            int found = file.subList(at, file.size()).indexOf(line);
            assertTrue(found >= 0, where + ": \"" + line + "\" is not in " + source + " (after line " + at
                    + "): update the excerpt from the source");
            at += found + 1;
        }
    }

    /** One code block, as a source file for javac. */
    private static final class Block extends SimpleJavaFileObject {

        final String where;
        private final String code;

        Block(String where, String code) {
            super(URI.create("string:///" + where.replaceAll("[^A-Za-z0-9]", "_") + ".java"), Kind.SOURCE);
            this.where = where;
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
