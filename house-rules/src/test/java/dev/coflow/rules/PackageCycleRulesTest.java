package dev.coflow.rules;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coflow's packages depend on each other one way only: {@code gen} ← {@code aio} ← {@code stream}, the
 * bridges and Spring on top (docs/architecture.md, Packages of core).
 *
 * <p>Each package is a slice, except that an internal package belongs to the public package it
 * implements ({@code dev.coflow.internal.gen} to {@code dev.coflow.gen}, {@code dev.coflow.internal.aio}
 * to {@code dev.coflow.aio}, ...): a public class and its implementation reference each other by nature
 * (a {@code Generator} holds its {@code GeneratorCore}, which implements {@code Yielder}), so only a
 * cycle between owners is a design fault.
 */
class PackageCycleRulesTest {

    private static final String ROOT = "dev.coflow.";
    private static final String INTERNAL = ROOT + "internal.";

    private static JavaClasses classes;

    @BeforeAll
    static void importLibraries() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coflow");
    }

    /** The owner of a Coflow package: the package itself, or for {@code dev.coflow.internal.x...}, {@code x...}. */
    private static final SliceAssignment OWNERS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.startsWith(INTERNAL)) {
                return SliceIdentifier.of(pkg.substring(INTERNAL.length()));
            }
            return pkg.startsWith(ROOT) ? SliceIdentifier.of(pkg.substring(ROOT.length())) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "Coflow packages, each internal package with the public package it implements";
        }
    };

    @Test
    void coflowPackagesAreFreeOfCycles() {
        slices().assignedFrom(OWNERS)
                .should().beFreeOfCycles()
                .because("dependencies go one way: gen <- aio <- stream <- bridges (docs/architecture.md)")
                .check(classes);
    }
}
