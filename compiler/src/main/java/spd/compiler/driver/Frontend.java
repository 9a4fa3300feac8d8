package spd.compiler.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import spd.compiler.ast.SpdFile;
import spd.compiler.check.Checker;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.RuleTable;
import spd.compiler.model.Experiment;
import spd.compiler.model.ModelBuilder;
import spd.compiler.parse.SourceLoader;
import spd.compiler.parse.SourceParser;
import spd.compiler.resolve.Imports;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;

/**
 * The front end as a straight list of passes: load, parse, resolve imports, check, build the model. It aborts between
 * passes on errors and never lets an exception escape: a user mistake is a diagnostic, and a bug in spd is
 * an internal-error diagnostic (exit code 2).
 */
public final class Frontend {
    /** The passes recurse over expressions; a roomy stack keeps deep but legal nesting away from overflow. */
    private static final long STACK_BYTES = 256L << 20;

    private Frontend() {}

    public static FrontendResult run(Path path) {
        return run(path, path.toString());
    }

    /** Runs the front end on a file, naming it {@code display} in diagnostics and reports. */
    public static FrontendResult run(Path path, String display) {
        return run(path, display, Map.of());
    }

    /** Runs the front end with some {@code let} constants replaced ({@code --set lambda=1e-2}). */
    public static FrontendResult run(Path path, String display, Map<String, String> overrides) {
        return onLargeStack(display, diagnostics -> {
            Optional<SourceFile> source = SourceLoader.load(path, display, diagnostics);
            Path baseDir = path.toAbsolutePath().getParent();
            return source.map(s -> passes(s, baseDir, overrides, diagnostics))
                    .orElseGet(() -> new FrontendResult(
                            display,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            List.of(),
                            diagnostics,
                            false));
        });
    }

    /** Runs the front end on text already in memory (tests, editors), resolving imports against {@code baseDir}. */
    public static FrontendResult run(SourceFile source, Path baseDir) {
        return onLargeStack(source.path(), diagnostics -> passes(source, baseDir, Map.of(), diagnostics));
    }

    private static FrontendResult passes(
            SourceFile source, Path baseDir, Map<String, String> overrides, Diagnostics diagnostics) {
        Optional<SpdFile> ast =
                SourceParser.parse(source, diagnostics).map(f -> ConstantOverrides.apply(f, overrides, diagnostics));
        if (ast.isEmpty()) {
            return new FrontendResult(
                    source.path(),
                    Optional.of(source),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    diagnostics,
                    false);
        }
        RuleTable rules = Imports.resolve(ast.get(), baseDir, diagnostics);
        Checker.check(ast.get(), rules, baseDir, diagnostics);
        List<Experiment> experiments =
                diagnostics.hasErrors() ? List.of() : ModelBuilder.build(ast.get(), rules, baseDir);
        return new FrontendResult(
                source.path(), Optional.of(source), ast, Optional.of(rules), experiments, diagnostics, false);
    }

    private interface Pass {
        FrontendResult run(Diagnostics diagnostics);
    }

    private static FrontendResult onLargeStack(String path, Pass pass) {
        Diagnostics diagnostics = new Diagnostics();
        AtomicReference<FrontendResult> result = new AtomicReference<>();
        Thread worker = new Thread(
                null,
                () -> {
                    try {
                        result.set(pass.run(diagnostics));
                    } catch (StackOverflowError e) {
                        diagnostics.report(
                                Code.E0002,
                                fileStart(path),
                                "the file is nested too deeply to compile",
                                "split long or deeply nested expressions with 'let' constants");
                        result.set(failed(path, diagnostics, false));
                    } catch (RuntimeException | OutOfMemoryError e) {
                        diagnostics.report(
                                Code.E9999,
                                fileStart(path),
                                "internal compiler error: " + e,
                                "this is a bug in spd, not in your file; please report it with the file");
                        result.set(failed(path, diagnostics, true));
                    }
                },
                "spd-frontend",
                STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + path, e);
        }
        return result.get();
    }

    private static FrontendResult failed(String path, Diagnostics diagnostics, boolean internal) {
        return new FrontendResult(
                path, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), diagnostics, internal);
    }

    private static Span fileStart(String path) {
        return new Span(new SourceFile(path, ""), 0, 0);
    }
}
