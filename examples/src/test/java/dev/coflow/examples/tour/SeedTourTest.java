package dev.coflow.examples.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Knit-style check of the seed tour: each topic's example, run with {@code System.out} captured,
 * prints its expected output line for line (CPython 3.11's {@code .out}, or the documented
 * {@code .java.out}). It runs once per suspension engine: the tour prints the same on both.
 */
class SeedTourTest {

    @Test
    void t01_iterables() {
        assertPrintsExpected(1);
    }

    @Test
    void t02_activatingGenerators() {
        assertPrintsExpected(2);
    }

    @Test
    void t03_generatorStates() {
        assertPrintsExpected(3);
    }

    @Test
    void t04_stopIteration() {
        assertPrintsExpected(4);
    }

    @Test
    void t05_jumpingRange() {
        assertPrintsExpected(5);
    }

    @Test
    void t06_yieldFromBasics() {
        assertPrintsExpected(6);
    }

    @Test
    void t07_yieldFromDelegation() {
        assertPrintsExpected(7);
    }

    @Test
    void t08_coroutines() {
        assertPrintsExpected(8);
    }

    @Test
    void t09_workflow() {
        assertPrintsExpected(9);
    }

    @Test
    void t10_awaitVsYieldFrom() {
        assertPrintsExpected(10);
    }

    @Test
    void t11_sleepVsBlocking() {
        assertPrintsExpected(11);
    }

    @Test
    void t12_callbacks() {
        assertPrintsExpected(12);
    }

    @Test
    void t13_wait() {
        assertPrintsExpected(13);
    }

    @Test
    void t14_gather() {
        assertPrintsExpected(14);
    }

    @Test
    void t15_nestedCoroutines() {
        assertPrintsExpected(15);
    }

    @Test
    void t16_taskStates() {
        assertPrintsExpected(16);
    }

    /** It prints thread names: the continuation engine runs coroutines on their loop's thread. */
    @Test
    @DisabledIfSystemProperty(named = "coflow.engine", matches = "virtual",
            disabledReason = "the virtual-thread engine runs each coroutine body on a virtual thread of its own")
    void t17_strengthsLimits() {
        assertPrintsExpected(17);
    }

    /** A {@code .java.out} differs from CPython's output in exactly the lines its topic documents. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("differingTopics")
    void javaOutputDiffersFromPythonOnlyInDocumentedLines(Topic topic) {
        SortedMap<Integer, String> diff = Topic.differences(topic.pythonOutput(), topic.expectedOutput());
        assertEquals(topic.javaLines().keySet(), diff.keySet(),
                topic.name() + ".java.out must differ from the .out in the documented lines only: " + diff);
    }

    @Test
    void differencesNameChangedMissingAndExtraLines() {
        assertEquals(List.of(), List.copyOf(Topic.differences("a\nb\n", "a\nb").keySet()));
        assertEquals(List.of(2), List.copyOf(Topic.differences("a\nb\nc\n", "a\nB\nc\n").keySet()));
        assertEquals(List.of(3), List.copyOf(Topic.differences("a\nb\nc\n", "a\nb\n").keySet()));
        assertEquals(List.of(2, 3), List.copyOf(Topic.differences("a\n", "a\nb\nc\n").keySet()));
    }

    /** Every topic of seed/INDEX.md, and nothing else, is in the tour, in the index's order. */
    @Test
    void theTourHasEveryTopicOfTheSeedIndex() throws IOException {
        List<String> indexed;
        try (InputStream in = SeedTourTest.class.getResourceAsStream("/seed/INDEX.md")) {
            assertNotNull(in, "seed/INDEX.md");
            indexed = Topic.lines(new String(in.readAllBytes(), StandardCharsets.UTF_8)).stream()
                    .map(ROW::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1) + "-" + m.group(2))
                    .toList();
        }
        assertEquals(17, indexed.size(), "INDEX.md lists the 17 topics: " + indexed);
        assertEquals(indexed, SeedTour.TOPICS.stream().map(Topic::name).toList());
    }

    private static final Pattern ROW = Pattern.compile("\\| (\\d\\d) \\| ([a-z-]+) \\|.*");

    @Test
    void topicsAreNumberedInTheSeedsOrder() {
        List<Topic> topics = SeedTour.TOPICS;
        for (int i = 1; i < topics.size(); i++) {
            assertTrue(topics.get(i - 1).number() < topics.get(i).number(), "topics out of order at " + topics.get(i));
        }
    }

    static Stream<Topic> differingTopics() {
        return SeedTour.TOPICS.stream().filter(t -> !t.javaLines().isEmpty());
    }

    static void assertPrintsExpected(int number) {
        Topic topic = SeedTour.TOPICS.stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow(() -> new AssertionError("topic " + number + " is not in SeedTour.TOPICS"));
        String output = topic.run();
        SortedMap<Integer, String> diff = Topic.differences(topic.expectedOutput(), output);
        if (!diff.isEmpty()) {
            StringBuilder msg = new StringBuilder(topic.example().getSimpleName())
                    .append(" does not print ").append(topic.expectedResource()).append(':');
            diff.forEach((line, what) -> msg.append("\n  line ").append(line).append(": ").append(what));
            msg.append("\n--- it printed:\n").append(output);
            fail(msg.toString());
        }
    }
}
