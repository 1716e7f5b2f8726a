package dev.coflow.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.coflow.aio.Coroutine;
import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Future;
import dev.coflow.gen.Generator;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Public factories reject a null argument at once, with a {@link NullPointerException} whose message
 * names the argument (RxJava's ParamValidationCheckerTest, done by reflection over every public static
 * method of every exported package). Parameters marked {@code @Nullable} are exempt.
 */
class NullArgumentRulesTest {

    private static final Set<String> EXPORTED_PREFIXES = Set.of(
            "dev.coflow.gen", "dev.coflow.aio", "dev.coflow.stream", "dev.coflow.reactor", "dev.coflow.rxjava",
            "dev.coflow.spring");

    /** Calls run here so a factory that blocks by mistake cannot hang the build. */
    private static final ExecutorService CALLER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "null-argument-rules");
        t.setDaemon(true);
        return t;
    });

    @SuppressWarnings("FutureReturnValueIgnored") // sample arguments: each future goes to a factory under test
    private static final Map<Class<?>, Supplier<Object>> SAMPLES = Map.ofEntries(
            Map.entry(String.class, () -> "sample"),
            Map.entry(Object.class, Object::new),
            Map.entry(Duration.class, () -> Duration.ofMillis(1)),
            Map.entry(Class.class, () -> Object.class),
            Map.entry(Optional.class, Optional::empty),
            Map.entry(Iterable.class, List::of),
            Map.entry(Collection.class, List::of),
            Map.entry(List.class, List::of),
            Map.entry(Set.class, Set::of),
            Map.entry(Iterator.class, () -> List.of().iterator()),
            Map.entry(CompletionStage.class, () -> CompletableFuture.completedFuture(null)),
            Map.entry(CompletableFuture.class, () -> CompletableFuture.completedFuture(null)),
            Map.entry(Generator.class, () -> Generator.of(y -> null)),
            Map.entry(Coroutine.class, () -> Coroutine.of(() -> null)),
            Map.entry(EventLoop.class, EventLoop::createVirtualTime),
            Map.entry(Future.class, () -> EventLoop.createVirtualTime().createFuture()),
            Map.entry(ReactiveAdapterRegistry.class, ReactiveAdapterRegistry::new));

    @AfterAll
    static void stopCaller() {
        CALLER.shutdownNow();
    }

    @Test
    void publicStaticMethodsRejectNullArgumentsNamingThem() throws Exception {
        List<String> problems = new ArrayList<>();
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coflow");
        for (JavaClass javaClass : classes) {
            if (!javaClass.getModifiers().contains(JavaModifier.PUBLIC) || javaClass.isAnonymousClass()
                    || EXPORTED_PREFIXES.stream().noneMatch(p -> javaClass.getPackageName().equals(p))) {
                continue;
            }
            for (Method method : javaClass.reflect().getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                        && !method.isSynthetic() && !isEnumBoilerplate(method)) {
                    checkMethod(method, problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean isEnumBoilerplate(Method m) {
        return m.getDeclaringClass().isEnum() && (m.getName().equals("valueOf") || m.getName().equals("values"));
    }

    private static void checkMethod(Method method, List<String> problems) throws Exception {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.getType().isPrimitive() || isNullable(p.getAnnotatedType())) {
                continue;
            }
            Object[] args = new Object[parameters.length];
            String missingSample = null;
            for (int j = 0; j < parameters.length; j++) {
                if (j != i) {
                    args[j] = sample(parameters[j].getType());
                    if (args[j] == null && !parameters[j].getType().isPrimitive()) {
                        missingSample = parameters[j].getType().getName();
                    }
                }
            }
            String name = method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + "(" + p.getName() + " = null)";
            if (missingSample != null) {
                problems.add(name + ": no sample value for " + missingSample + " (add one to SAMPLES)");
                continue;
            }
            Throwable thrown = call(method, args);
            if (!(thrown instanceof NullPointerException npe)) {
                problems.add(name + ": expected NullPointerException naming '" + p.getName() + "', got "
                        + (thrown == null ? "no exception" : thrown));
            } else if (npe.getMessage() == null || !npe.getMessage().contains(p.getName())) {
                problems.add(name + ": the NullPointerException message does not name '" + p.getName() + "': "
                        + npe.getMessage());
            }
        }
    }

    private static @Nullable Throwable call(Method method, Object[] args) throws Exception {
        var result = CALLER.submit(() -> {
            try {
                method.invoke(null, args);
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
            }
        });
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            result.cancel(true);
            return new AssertionError("the call did not return within 5 s");
        }
    }

    private static boolean isNullable(AnnotatedType type) {
        if (type.isAnnotationPresent(Nullable.class)) {
            return true;
        }
        if (type instanceof AnnotatedTypeVariable variable) {
            for (AnnotatedType bound : variable.getAnnotatedBounds()) {
                if (bound.isAnnotationPresent(Nullable.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable Object sample(Class<?> type) {
        if (type.isPrimitive()) {
            return type == boolean.class ? false
                    : type == long.class ? 1L
                    : type == double.class ? 1.0
                    : type == float.class ? 1.0f
                    : type == char.class ? 'x'
                    : type == byte.class ? (byte) 1
                    : type == short.class ? (short) 1
                    : (Object) 1;
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        Supplier<Object> known = SAMPLES.get(type);
        if (known != null) {
            return known.get();
        }
        if (type.isInterface()) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, a) -> {
                if (m.getDeclaringClass() == Object.class) {
                    return switch (m.getName()) {
                        case "equals" -> proxy == a[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "sample " + type.getSimpleName();
                    };
                }
                return m.getReturnType().isPrimitive() ? sample(m.getReturnType()) : null;
            });
        }
        return null;
    }
}
