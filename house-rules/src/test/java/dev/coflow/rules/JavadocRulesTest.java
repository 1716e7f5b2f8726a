package dev.coflow.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public type and member of an exported package has Javadoc; every public type shows a short
 * example and names its Python counterpart; every package says what lives there.
 */
class JavadocRulesTest {

    private static final List<String> missing = new ArrayList<>();
    private static final List<String> typesWithoutExampleOrPython = new ArrayList<>();

    @BeforeAll
    static void scanSources() throws IOException {
        List<Path> files = Modules.mainSources().stream()
                .filter(f -> !f.toString().contains("/internal/"))
                .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                .toList();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(docs, unit).scan(unit, null);
            }
        }
    }

    @Test
    void everyPublicTypeAndMemberHasJavadoc() {
        assertEquals(List.of(), missing);
    }

    @Test
    void everyPublicTypeShowsAnExampleAndItsPythonCounterpart() {
        assertEquals(List.of(), typesWithoutExampleOrPython);
    }

    @Test
    void everyPackageHasPackageInfo() {
        Set<String> withoutInfo = new TreeSet<>();
        for (Path file : Modules.mainSources()) {
            Path dir = file.getParent();
            if (!file.getFileName().toString().equals("module-info.java")
                    && !Files.isRegularFile(dir.resolve("package-info.java"))) {
                withoutInfo.add(Modules.root().relativize(dir).toString());
            }
        }
        assertEquals(Set.of(), withoutInfo);
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree unit;
        private int hiddenDepth;

        Scanner(DocTrees docs, CompilationUnitTree unit) {
            this.docs = docs;
            this.unit = unit;
        }

        private String where(Tree tree, String name) {
            long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, tree));
            return Modules.root().relativize(Path.of(unit.getSourceFile().toUri())) + ":" + line + " " + name;
        }

        private boolean isApi(ModifiersTree modifiers, boolean inInterface) {
            Set<Modifier> flags = modifiers.getFlags();
            return hiddenDepth == 0 && (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED) || inInterface);
        }

        private boolean enclosedByInterface() {
            TreePath parent = getCurrentPath().getParentPath();
            return parent != null && parent.getLeaf() instanceof ClassTree c
                    && (c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE);
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            boolean api = isApi(tree.getModifiers(), enclosedByInterface());
            if (api) {
                DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
                String name = tree.getSimpleName().toString();
                if (doc == null) {
                    missing.add(where(tree, "type " + name));
                } else if (getCurrentPath().getParentPath().getLeaf() instanceof CompilationUnitTree) {
                    String text = doc.toString();
                    if (!text.contains("<pre>") || !text.contains("Python")) {
                        typesWithoutExampleOrPython.add(where(tree, "type " + name));
                    }
                }
            }
            if (!api) {
                hiddenDepth++;
            }
            try {
                return super.visitClass(tree, null);
            } finally {
                if (!api) {
                    hiddenDepth--;
                }
            }
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            boolean overrides = tree.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            boolean implicitRecordMember = tree.getModifiers().getFlags().contains(Modifier.PRIVATE);
            if (!overrides && !implicitRecordMember && isApi(tree.getModifiers(), enclosedByInterface())
                    && docs.getDocCommentTree(getCurrentPath()) == null) {
                missing.add(where(tree, "method " + tree.getName()));
            }
            return null; // members of local and anonymous classes are not API
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            boolean enumConstant = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree c
                    && c.getKind() == Tree.Kind.ENUM
                    && tree.getModifiers().getFlags().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL));
            if (((enumConstant && hiddenDepth == 0) || isApi(tree.getModifiers(), enclosedByInterface()))
                    && getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                    && docs.getDocCommentTree(getCurrentPath()) == null) {
                missing.add(where(tree, "field " + tree.getName()));
            }
            return null;
        }
    }
}
