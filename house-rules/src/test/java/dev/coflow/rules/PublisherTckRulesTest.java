package dev.coflow.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/**
 * Every Publisher class in the libraries is verified by the Reactive Streams TCK. A Publisher is made
 * through a factory, so {@link #MADE_BY} records the expression that makes each one; some TCK test
 * (a class extending {@code PublisherVerification} or {@code FlowPublisherVerification}) must use it.
 * A new Publisher class fails this test until it is listed here and verified.
 */
class PublisherTckRulesTest {

    private static final Map<String, String> MADE_BY = Map.of(
            "dev.coflow.internal.stream.GeneratorPublisher", "Publishers.from(",
            // A Task subscribes through FuturePublisher; both are verified on tasks.
            "dev.coflow.internal.aio.FuturePublisher", "createTask(",
            "dev.coflow.aio.Task", "createTask(",
            "dev.coflow.internal.stream.AsyncIterablePublisher", "Publishers.from(loop, asyncIterable)");

    @Test
    void everyPublisherClassIsListedAndHasATckVerification() {
        List<String> tckSources = Modules.testSources().stream()
                .map(Modules::read)
                .filter(s -> s.contains("extends PublisherVerification") || s.contains("extends FlowPublisherVerification"))
                .toList();
        List<String> problems = new ArrayList<>();
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coflow");
        for (JavaClass c : classes) {
            boolean publisher = c.isAssignableTo(Publisher.class) || c.isAssignableTo(Flow.Publisher.class);
            if (!publisher || c.isInterface() || c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                continue;
            }
            String made = MADE_BY.get(c.getName());
            if (made == null) {
                problems.add(c.getName() + " is a Publisher missing from MADE_BY (list it and add a TCK verification)");
            } else if (tckSources.stream().noneMatch(s -> s.contains(made))) {
                problems.add(c.getName() + ": no TCK verification uses " + made);
            }
        }
        assertEquals(List.of(), problems, "sources scanned under " + Path.of("").toAbsolutePath().getParent());
    }
}
