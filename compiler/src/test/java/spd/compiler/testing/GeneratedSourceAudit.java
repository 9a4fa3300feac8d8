package spd.compiler.testing;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Checks that generated Java says only what spd meant it to: no backslash-u escape javac would decode (in comments
 * or anywhere else), and, in javac's own parse tree, exactly one top-level class whose members are fields and
 * methods, with no initializer block, no nested type and no name a {@code .spd} file could only have smuggled in
 * ({@code System}, {@code Runtime}, a canary).
 */
public final class GeneratedSourceAudit {
    /** Names generated code never uses; a hostile .spd file tries to call them. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of(
            "System",
            "Runtime",
            "ProcessBuilder",
            "Thread",
            "exit",
            "setProperty",
            "getRuntime",
            "forName",
            "spdCanary");

    private GeneratedSourceAudit() {}

    /** The problems found, empty when the source is clean. */
    public static List<String> problems(String source) {
        List<String> problems = new ArrayList<>();
        int escape = firstUnicodeEscape(source);
        if (escape >= 0) {
            problems.add("a \\u escape javac would decode at offset " + escape + ": "
                    + source.substring(escape, Math.min(source.length(), escape + 12)));
        }
        problems.addAll(treeProblems(source));
        return problems;
    }

    /**
     * The offset of the first backslash that javac reads as the start of a unicode escape (JLS 3.3: a backslash preceded
     * by an even number of backslashes and followed by 'u'), or -1.
     */
    public static int firstUnicodeEscape(String source) {
        int run = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                if (run % 2 == 0 && i + 1 < source.length() && source.charAt(i + 1) == 'u') {
                    return i;
                }
                run++;
            } else {
                run = 0;
            }
        }
        return -1;
    }

    private static List<String> treeProblems(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file =
                new SimpleJavaFileObject(URI.create("string:///Generated.java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
        List<String> problems = new ArrayList<>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                problems.addAll(problems(unit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** The problems of one compilation unit javac has parsed (the tree part of {@link #problems}). */
    public static List<String> problems(CompilationUnitTree unit) {
        List<String> problems = new ArrayList<>();
        if (unit.getTypeDecls().size() != 1) {
            problems.add(unit.getTypeDecls().size() + " top-level types instead of one");
        }
        unit.accept(new Scanner(problems), null);
        return problems;
    }

    /** Walks the parse tree for members and names that spd never generates. */
    private static final class Scanner extends TreeScanner<Void, Void> {
        private final List<String> problems;
        private int classDepth;

        Scanner(List<String> problems) {
            this.problems = problems;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            classDepth++;
            if (classDepth > 1) {
                problems.add("a nested type " + node.getSimpleName());
            }
            for (Tree member : node.getMembers()) {
                if (member instanceof BlockTree) {
                    problems.add("an initializer block");
                }
            }
            super.visitClass(node, null);
            classDepth--;
            return null;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            checkName(node.getName().toString());
            return super.visitIdentifier(node, null);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            checkName(node.getIdentifier().toString());
            return super.visitMemberSelect(node, null);
        }

        private void checkName(String name) {
            if (FORBIDDEN_NAMES.contains(name)) {
                problems.add("the name " + name + ", which generated code never uses");
            }
        }
    }
}
