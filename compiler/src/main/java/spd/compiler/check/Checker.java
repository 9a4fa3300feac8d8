package spd.compiler.check;

import java.util.HashMap;
import java.util.Map;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.RuleDecl;
import spd.compiler.ast.SpdFile;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.RuleTable;

/** The semantic checks of a parsed file: its rules, then each experiment. Reports, never throws. */
public final class Checker {
    private Checker() {}

    /** Checks a file whose relative data paths are relative to the working directory. */
    public static void check(SpdFile file, RuleTable rules, Diagnostics diagnostics) {
        check(file, rules, java.nio.file.Path.of("").toAbsolutePath(), diagnostics);
    }

    /** Checks a file; data files named in it are relative to {@code baseDir}, the file's directory. */
    public static void check(SpdFile file, RuleTable rules, java.nio.file.Path baseDir, Diagnostics diagnostics) {
        ExprChecker exprs = new ExprChecker(diagnostics, rules);
        RuleChecker ruleChecker = new RuleChecker(diagnostics, exprs);
        for (RuleDecl rule : file.rules()) {
            ruleChecker.check(rule);
        }
        Map<String, Experiment> seen = new HashMap<>();
        for (Experiment experiment : file.experiments()) {
            Experiment first = seen.putIfAbsent(experiment.name().name(), experiment);
            if (first != null) {
                diagnostics.report(
                        Code.E0102,
                        experiment.name().span(),
                        "experiment '" + experiment.name().name() + "' is defined twice",
                        "first defined at line " + first.span().line());
            }
            new ExperimentChecker(diagnostics, rules, baseDir).check(experiment);
        }
        if (file.experiments().isEmpty()
                && file.rules().isEmpty()
                && file.imports().isEmpty()) {
            diagnostics.report(
                    Code.W0008,
                    new spd.compiler.source.Span(file.source(), 0, 0),
                    "the file declares nothing",
                    "an .spd file holds experiments, e.g. experiment name { eta(w) = |w| }");
        }
    }
}
