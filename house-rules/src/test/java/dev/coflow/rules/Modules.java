package dev.coflow.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The library modules of the repository, found beside this one, and their source files. */
final class Modules {
    /** Modules whose jars users import; examples and benchmarks are not libraries. */
    static final List<String> LIBRARIES = List.of("core", "reactor-bridge", "rxjava-bridge", "spring");

    private Modules() {}

    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The library modules present in this checkout. */
    static List<Path> libraries() {
        return LIBRARIES.stream().map(root()::resolve).filter(Files::isDirectory).toList();
    }

    static List<Path> mainSources() {
        return libraries().stream().flatMap(m -> javaFiles(m.resolve("src/main/java"))).toList();
    }

    /** Every test source of every module, including stress-test source sets. */
    static List<Path> testSources() {
        try (Stream<Path> modules = Files.list(root())) {
            return modules.filter(Files::isDirectory)
                    .flatMap(m -> {
                        Path src = m.resolve("src");
                        if (!Files.isDirectory(src)) {
                            return Stream.empty();
                        }
                        try (Stream<Path> sets = Files.list(src)) {
                            return sets.filter(s -> !s.getFileName().toString().equals("main")).toList().stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .flatMap(Modules::javaFiles)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
