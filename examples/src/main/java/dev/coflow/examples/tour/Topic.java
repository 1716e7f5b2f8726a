package dev.coflow.examples.tour;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One topic of the seed tour: the seed section it comes from, the Coflow example that runs it, and its
 * Python reference resources, {@code seed/NN-slug.py} and {@code seed/NN-slug.out} (CPython 3.11's exact
 * stdout).
 *
 * <p>The example prints exactly the {@code .out} unless the topic shows a Python-only feature; then
 * {@code seed/NN-slug.java.out} holds its output, and {@link #javaLines()} names each line (1-based) that
 * differs from CPython's and why. Immutable and thread-safe, except that {@link #run()} swaps
 * {@code System.out} while the example runs.
 *
 * <pre>{@code
 * Topic t = SeedTour.TOPICS.get(4);
 * t.run().equals(t.expectedOutput());   // the Knit-style check the tests make
 * }</pre>
 *
 * @param number the topic's number, 1 to 17
 * @param slug the resources' name after the number: {@code jumping-range}
 * @param title what the topic is about, in English
 * @param section the seed's section heading (Chinese), as in {@code seed/INDEX.md}
 * @param example the class whose {@code main} runs the topic
 * @param javaLines the lines of the Java output that differ from CPython's, with the reason; empty when
 *     the output is CPython's exactly
 */
public record Topic(int number, String slug, String title, String section, Class<?> example,
        SortedMap<Integer, String> javaLines) {

    /** Checks the arguments and copies {@code javaLines}. */
    public Topic {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(example, "example");
        javaLines = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(javaLines));
    }

    /** A topic whose output is CPython's exactly. */
    static Topic exact(int number, String slug, String title, String section, Class<?> example) {
        return new Topic(number, slug, title, section, example, new TreeMap<>());
    }

    /** A topic with a Java-specific expected output differing from CPython's in the given lines. */
    static Topic differing(int number, String slug, String title, String section, Class<?> example,
            Map<Integer, String> javaLines) {
        if (javaLines.isEmpty()) {
            throw new IllegalArgumentException("topic " + number + ": a differing topic documents its lines");
        }
        return new Topic(number, slug, title, section, example, new TreeMap<>(javaLines));
    }

    /** {@code NN-slug}, the resources' base name. */
    public String name() {
        return String.format("%02d-%s", number, slug);
    }

    /** The seed's Python for this topic ({@code seed/NN-slug.py}). */
    public String pythonSource() {
        return resource(".py");
    }

    /** What CPython 3.11 prints ({@code seed/NN-slug.out}). */
    public String pythonOutput() {
        return resource(".out");
    }

    /** What the Coflow example must print: {@code seed/NN-slug.java.out} if there is one, else the {@code .out}. */
    public String expectedOutput() {
        return javaLines.isEmpty() ? pythonOutput() : resource(".java.out");
    }

    /** The name of the expected-output resource. */
    public String expectedResource() {
        return "seed/" + name() + (javaLines.isEmpty() ? ".out" : ".java.out");
    }

    /**
     * Runs the example's {@code main} with {@code System.out} captured and returns what it printed. Not
     * safe to call from several threads at once.
     *
     * @throws RuntimeException what the example threw (its output so far is lost)
     */
    public String run() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            example.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(example + " has no public static main(String[])", e);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The text's lines, without line terminators; a trailing newline ends the last line, adds none. */
    public static List<String> lines(String text) {
        return text.lines().toList();
    }

    /**
     * The 1-based numbers of the lines where {@code actual} differs from {@code expected} (past the end of
     * the shorter one, every remaining line counts).
     */
    public static SortedMap<Integer, String> differences(String expected, String actual) {
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        SortedMap<Integer, String> diff = new TreeMap<>();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            @Nullable String el = i < e.size() ? e.get(i) : null;
            @Nullable String al = i < a.size() ? a.get(i) : null;
            if (!Objects.equals(el, al)) {
                diff.put(i + 1, "expected <" + el + "> but was <" + al + ">");
            }
        }
        return diff;
    }

    private String resource(String suffix) {
        String path = "/seed/" + name() + suffix;
        try (InputStream in = Topic.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (examples/src/main/resources" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
