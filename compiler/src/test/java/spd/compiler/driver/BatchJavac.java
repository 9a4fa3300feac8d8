package spd.compiler.driver;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import spd.compiler.codegen.GeneratedClass;
import spd.runtime.SpdExperiment;

/**
 * Compiles many generated classes with one javac task (with the options of {@code spd run}'s in-memory compiler:
 * {@code -Xlint:all -Werror}), auditing javac's parse tree of each ({@link spd.compiler.testing.GeneratedSourceAudit}),
 * then loads and instantiates each. One task for hundreds of classes is what makes
 * thousands of fuzzed programs affordable; the classes' names must differ.
 */
final class BatchJavac {
    private BatchJavac() {}

    /** A class of the batch that javac rejected (or warned about), with javac's first message on it. */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String className;

        CompileError(String className, String message) {
            super(message);
            this.className = className;
        }

        String className() {
            return className;
        }
    }

    /** Each class's experiment object, by qualified name. */
    static Map<String, SpdExperiment> compileAndLoad(List<GeneratedClass> classes) throws CompileError {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
        JavaFileManager files =
                new ForwardingJavaFileManager<>(javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(
                            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                        return new SimpleJavaFileObject(
                                URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                return outputs.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                            }
                        };
                    }
                };
        Map<JavaFileObject, String> sources = new LinkedHashMap<>();
        for (GeneratedClass generated : classes) {
            sources.put(
                    new SimpleJavaFileObject(
                            URI.create("string:///" + generated.qualifiedName().replace('.', '/') + ".java"),
                            JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return generated.source();
                        }
                    },
                    generated.qualifiedName());
        }
        List<String> options = List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-Xlint:all",
                "-Werror",
                "-proc:none",
                "--release",
                "21");
        com.sun.source.util.JavacTask task = (com.sun.source.util.JavacTask)
                javac.getTask(null, files, diagnostics, options, null, sources.keySet());
        boolean ok;
        try {
            for (com.sun.source.tree.CompilationUnitTree unit : task.parse()) {
                List<String> problems = spd.compiler.testing.GeneratedSourceAudit.problems(unit);
                if (!problems.isEmpty()) {
                    throw new CompileError(
                            sources.get(unit.getSourceFile()), "the audit of javac's parse tree: " + problems);
                }
            }
            task.generate();
            ok = diagnostics.getDiagnostics().stream()
                    .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
                            || d.getKind() == Diagnostic.Kind.WARNING
                            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!ok) {
            Diagnostic<? extends JavaFileObject> first = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getSource() != null)
                    .findFirst()
                    .orElse(diagnostics.getDiagnostics().getFirst());
            String className = first.getSource() == null ? "" : sources.get(first.getSource());
            throw new CompileError(
                    className,
                    first.getKind() + " at line " + first.getLineNumber() + ": " + first.getMessage(Locale.ROOT));
        }
        ClassLoader loader = new ClassLoader(BatchJavac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = outputs.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] code = bytes.toByteArray();
                return defineClass(name, code, 0, code.length);
            }
        };
        Map<String, SpdExperiment> loaded = new HashMap<>();
        for (String name : sources.values()) {
            try {
                loaded.put(name, (SpdExperiment)
                        loader.loadClass(name).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate generated class " + name, e);
            }
        }
        return loaded;
    }
}
