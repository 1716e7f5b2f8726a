package dev.coflow.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may depend on whom: core stays free of Reactor, RxJava and Spring; the bridges stay apart. */
class DependencyRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importLibraries() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coflow");
    }

    @Test
    void coreDependsOnNoReactiveLibraryNorSpring() {
        noClasses().that().resideInAnyPackage("dev.coflow.gen..", "dev.coflow.aio..", "dev.coflow.stream..",
                        "dev.coflow.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("reactor..", "io.reactivex..", "org.springframework..")
                .because("coflow-core depends on reactive-streams and jspecify only (docs/architecture.md, Modules)")
                .check(classes);
    }

    @Test
    void reactorBridgeDoesNotDependOnRxJava() {
        noClasses().that().resideInAPackage("dev.coflow.reactor..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.coflow.rxjava..", "io.reactivex..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void rxJavaBridgeDoesNotDependOnReactor() {
        noClasses().that().resideInAPackage("dev.coflow.rxjava..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.coflow.reactor..", "reactor..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void bridgesDoNotReachIntoEachOthersOrSpring() {
        noClasses().that().resideInAnyPackage("dev.coflow.reactor..", "dev.coflow.rxjava..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.coflow.spring..", "org.springframework..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
