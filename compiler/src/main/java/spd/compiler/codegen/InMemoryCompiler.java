package spd.compiler.codegen;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import spd.runtime.SpdExperiment;

/** Compiles a generated class with javac in memory and loads it, against the class path spd runs with. */
public final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /** The compiled class's experiment; javac's warnings are errors here, since generated code must have none. */
    public static SpdExperiment load(GeneratedClass generated) {
        Map<String, byte[]> classes = compile(generated);
        ClassLoader loader = new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        try {
            Class<?> type = loader.loadClass(generated.qualifiedName());
            return (SpdExperiment) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated class " + generated.qualifiedName(), e);
        }
    }

    /** The class files of the generated source, by binary name. */
    public static Map<String, byte[]> compile(GeneratedClass generated) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("spd needs a JDK (with javac), not a JRE, to compile generated code");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
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
        JavaFileObject source =
                new SimpleJavaFileObject(
                        URI.create("string:///" + generated.qualifiedName().replace('.', '/') + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return generated.source();
                    }
                };
        List<String> options = List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-Xlint:all",
                "-Werror",
                "-proc:none",
                "--release",
                "21");
        boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(source))
                .call();
        if (!ok) {
            String report = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " at line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            throw new IllegalStateException("generated code for " + generated.simpleName()
                    + " does not compile (a bug in spd):\n" + report + "\n" + numbered(generated.source()));
        }
        Map<String, byte[]> classes = new HashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }
}
