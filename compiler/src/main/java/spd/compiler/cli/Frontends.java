package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.codegen.CodegenException;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;
import spd.compiler.model.SourceRef;

/** What the commands after {@code check} share: run the front end, print its diagnostics, stop on errors. */
final class Frontends {
  private Frontends() {}

  /**
   * The file's experiments, or empty after printing why there are none: errors in the file (a user error in
   * {@code status}) or an internal compiler error (already printed as E9999; an internal error in {@code status}).
   */
  static Optional<List<Experiment>> experiments(Path file, Map<String, String> overrides, PrintWriter err,
      BatchStatus status) {
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

  /** A codegen failure, printed like a diagnostic at the construct it is about. */
  static void print(CodegenException e, String path, PrintWriter err) {
    SourceRef at = e.at();
    int column = at.text().isEmpty() ? 1 : 1 + (int) at.text().chars().takeWhile(Character::isWhitespace).count();
    err.printf("%s:%d:%d: error[E0404]: %s%n", path, at.line(), column, e.getMessage());
    err.printf("   |%n%3d | %s%n%n", at.line(), at.text());
    err.flush();
  }
}
