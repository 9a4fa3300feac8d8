package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.diag.Diagnostic;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;

/** What the commands after {@code check} share: run the front end, print its diagnostics, stop on errors. */
final class Frontends {
    private Frontends() {}

    /**
     * The file's experiments, or empty after printing why there are none: errors in the file (a user error in
     * {@code status}) or an internal compiler error (already printed as E9999; an internal error in {@code status}).
     */
    static Optional<List<Experiment>> experiments(
            Path file, Map<String, String> overrides, PrintWriter err, BatchStatus status) {
        FrontendResult result = Frontend.run(file, file.toString(), overrides);
        result.diagnostics().sorted().forEach(d -> err.println(DiagnosticRenderer.render(d)));
        DiagnosticsPrinter.printDropped(result, err);
        err.flush();
        if (result.internalError()) {
            status.record(Main.INTERNAL_ERROR);
            return Optional.empty();
        }
        if (!result.ok()) {
            status.userError();
            return Optional.empty();
        }
        return Optional.of(result.experiments());
    }

    /**
     * A failure after the front end (code generation, derivation) as a diagnostic, printed as {@code spd check} prints
     * its own: rendered with a caret, or as the same JSON document.
     */
    static void print(Diagnostic diagnostic, OutputFormat format, PrintWriter err) {
        if (format == OutputFormat.json) {
            DiagnosticsPrinter.printJson(diagnostic.span().file().path(), List.of(diagnostic), err);
        } else {
            err.println(DiagnosticRenderer.render(diagnostic));
        }
        err.flush();
    }
}
