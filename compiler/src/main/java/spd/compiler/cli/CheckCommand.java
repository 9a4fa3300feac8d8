package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;

/** {@code spd check FILE...}: parse and check, printing every diagnostic; exit 0 clean, 1 errors, 2 internal. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Check .spd files and explain every mistake.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .spd files to check.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    OutputFormat format;

    @Option(
            names = "--summary",
            description = "Also print each network's layers: output shape per example, weights, "
                    + "biases and the rule acting on each (text format, files without errors).")
    boolean summary;

    @Override
    public Integer call() {
        List<FrontendResult> results = files.stream().map(Frontend::run).toList();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == OutputFormat.json) {
            DiagnosticsPrinter.printJson(results, out);
        } else {
            DiagnosticsPrinter.printText(results, err);
            printSummary(results, err);
            if (summary) {
                results.forEach(r -> r.experiments().forEach(e -> NetworkSummary.print(e, out)));
            }
        }
        out.flush();
        err.flush();
        return exitCode(results);
    }

    private static void printSummary(List<FrontendResult> results, PrintWriter err) {
        long errors =
                results.stream().mapToLong(r -> r.diagnostics().errorCount()).sum();
        long warnings =
                results.stream().mapToLong(r -> r.diagnostics().warningCount()).sum();
        long clean = results.stream().filter(r -> !r.diagnostics().hasErrors()).count();
        if (errors > 0 || warnings > 0 || results.size() > 1) {
            err.printf(
                    "%d of %d file%s ok; %d error%s, %d warning%s%n",
                    clean,
                    results.size(),
                    results.size() == 1 ? "" : "s",
                    errors,
                    errors == 1 ? "" : "s",
                    warnings,
                    warnings == 1 ? "" : "s");
        }
    }

    static int exitCode(List<FrontendResult> results) {
        if (results.stream().anyMatch(FrontendResult::internalError)) {
            return Main.INTERNAL_ERROR;
        }
        return results.stream().anyMatch(r -> r.diagnostics().hasErrors()) ? Main.USER_ERROR : 0;
    }
}
