package dev.coflow.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Internals stay internal: never exported to users (only, with a qualified export, to Coflow's own
 * modules), never visible through a public signature.
 */
class ModuleRulesTest {

    private static final Pattern EXPORTS = Pattern.compile(
            "^\\s*exports\\s+([\\w.]+)(?:\\s+to\\s+([\\w.,\\s]+))?;", Pattern.MULTILINE);

    @Test
    void everyLibraryModuleHasAModuleDescriptorExportingNoInternalPackage() {
        List<String> problems = new ArrayList<>();
        for (Path module : Modules.libraries()) {
            Path descriptor = module.resolve("src/main/java/module-info.java");
            if (!Files.isRegularFile(descriptor)) {
                problems.add(module.getFileName() + " has no module-info.java");
                continue;
            }
            Matcher m = EXPORTS.matcher(Modules.read(descriptor));
            while (m.find()) {
                if (m.group(1).contains(".internal") && !toCoflowModulesOnly(m.group(2))) {
                    problems.add(module.getFileName() + " exports " + m.group(1)
                            + (m.group(2) == null ? " to everyone" : " to " + m.group(2).strip()));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Whether a qualified export names Coflow's own modules only; {@code null}: unqualified. */
    private static boolean toCoflowModulesOnly(String targets) {
        if (targets == null) {
            return false;
        }
        for (String target : targets.split(",", -1)) {
            if (!target.strip().startsWith("dev.coflow.")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void publicSignaturesDoNotMentionInternalTypes() {
        List<String> leaks = new ArrayList<>();
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coflow");
        for (JavaClass javaClass : classes) {
            if (javaClass.getPackageName().contains(".internal") || !javaClass.getModifiers().contains(
                    com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                continue;
            }
            Class<?> type = javaClass.reflect();
            if (!isVisible(type)) {
                continue;
            }
            check(type.getName() + " supertype", type.getGenericSuperclass(), leaks);
            for (Type i : type.getGenericInterfaces()) {
                check(type.getName() + " implements", i, leaks);
            }
            for (Method m : type.getDeclaredMethods()) {
                if (isApi(m) && !m.isSynthetic() && !m.isBridge()) {
                    check(type.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), leaks);
                    checkParameters(type, m, leaks);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (isApi(c)) {
                    checkParameters(type, c, leaks);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if ((Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) && !f.isSynthetic()) {
                    check(type.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
        }
        assertTrue(leaks.isEmpty(), "public API exposes internal types: " + leaks);
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isApi(Executable e) {
        int mod = e.getModifiers();
        boolean extensible = !Modifier.isFinal(e.getDeclaringClass().getModifiers());
        return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && extensible);
    }

    private static void checkParameters(Class<?> type, Executable e, List<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(type.getName() + "." + e.getName() + " takes", p, leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(type.getName() + "." + e.getName() + " throws", t, leaks);
        }
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                check(where, c.getComponentType(), leaks);
            } else if (c.getName().startsWith("dev.coflow.") && c.getName().contains(".internal.")) {
                leaks.add(where + " " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type arg : p.getActualTypeArguments()) {
                check(where, arg, leaks);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, leaks);
            }
        } else if (type instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                // Raw bounds only: a bound such as T extends Comparable<T> refers back to T.
                if (b instanceof Class<?>) {
                    check(where, b, leaks);
                }
            }
        }
    }
}
