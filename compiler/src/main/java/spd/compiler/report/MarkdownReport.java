package spd.compiler.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import spd.compiler.penalty.CheckRow;
import spd.compiler.penalty.ClassicalMatch;
import spd.compiler.penalty.Constant;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.Dual;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.Property;
import spd.compiler.penalty.Quote;
import spd.compiler.penalty.StageRecord;
import spd.compiler.penalty.Step;
import spd.compiler.sym.Expr;
import spd.compiler.sym.LatexPrinter;
import spd.compiler.sym.TextPrinter;

/** Renders a derivation as Markdown with LaTeX math ($...$), in the order a researcher reads it. */
final class MarkdownReport {
    private final Derivation d;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(Derivation d) {
        this.d = d;
    }

    /** The report; {@code plots} are the file names of the figures, shown at the end. */
    static String render(Derivation d, List<String> plots) {
        MarkdownReport report = new MarkdownReport(d);
        report.title();
        report.inputs();
        report.derivation();
        report.result();
        report.properties();
        report.classical();
        report.checks();
        report.notes();
        report.plots(plots);
        return report.out.toString();
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private void title() {
        DerivationInput in = d.input();
        line("# Effective penalty of `" + in.experimentName() + "`");
        line("");
        line("Source: `" + in.sourcePath() + "` — " + d.ruleDescription() + ".");
        line("");
    }

    private void inputs() {
        line("## Inputs");
        line("");
        for (Quote q : d.input().inputs()) {
            line("- " + q.role() + ": `" + q.text().strip() + "` (line " + q.line() + ")");
        }
        Map<String, Constant> constants = new TreeMap<>(d.input().constants());
        if (!constants.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Constant c : constants.values()) {
                parts.add("`" + c.name() + " = " + c.value().toDecimalString() + "`"
                        + (c.line() > 0 ? " (line " + c.line() + ")" : " (default)"));
            }
            line("- constants: " + String.join(", ", parts));
        }
        line("");
    }

    /** One heading per stage with its conclusion, then its steps, numbered across stages. */
    private void derivation() {
        line("## Derivation");
        line("");
        int n = 1;
        for (int k = 0; k < d.stages().size(); k++) {
            StageRecord stage = d.stages().get(k);
            line("### " + (k + 1) + ". " + stage.title());
            line("");
            line("_" + stage.summary() + "_");
            line("");
            for (Step s : stage.steps()) {
                line(item(n++, s));
            }
            if (!stage.steps().isEmpty()) {
                line("");
            }
        }
        line("<details><summary>Plain text</summary>");
        line("");
        line("```text");
        n = 1;
        for (StageRecord stage : d.stages()) {
            line("-- " + stage.title() + ": " + stage.summary());
            for (Step s : stage.steps()) {
                line(String.format("%2d. %-22s %s", n++, "[" + s.rule() + "]", StepPrinter.textLine(s)));
            }
        }
        line("```");
        line("</details>");
        line("");
    }

    private static String item(int n, Step s) {
        StringBuilder item = new StringBuilder(n + ". **[" + s.rule() + "]**");
        String equation = StepPrinter.latexEquation(s);
        if (!equation.isEmpty()) {
            item.append(" $").append(equation).append("$");
        }
        if (!s.note().isEmpty()) {
            item.append(equation.isEmpty() ? " " : " — ").append(s.note());
        }
        return item.toString();
    }

    private void result() {
        line("## Result");
        line("");
        String lambda = d.input().lambdaSymbol();
        String lambdaLatex = LatexPrinter.symbol(lambda);
        switch (d.penalty()) {
            case Penalty.ClosedForm c -> {
                line("$$" + lambdaLatex + "\\,\\Omega(w) = " + lambdaLatex + "\\," + paren(c.omega()) + "$$");
                line("");
                line("```text");
                line(lambda + " * Omega(w) = " + lambda + " * " + textParen(c.omega()));
                line("```");
            }
            case Penalty.Numeric n ->
                line("Omega(w) has no closed form here; it is computed numerically: " + n.method()
                        + ". Values with error estimates are in the check table.");
            case Penalty.Divergent v -> line("**Omega(w) = inf for every w != 0.** " + v.explanation());
            case Penalty.NotSeparable s -> line(s.explanation());
            case Penalty.None none -> line("No regularisation: $\\Omega = 0$.");
        }
        line("");
        d.etaHat().ifPresent(e -> line("- adaptive rule: $\\hat\\eta(w) = " + LatexPrinter.print(e) + "$"));
        d.keep().ifPresent(k -> line("- keep probability: $\\alpha(w) = " + LatexPrinter.print(k) + "$"));
        switch (d.dual()) {
            case Dual.ClosedForm f ->
                line("- dual: $f(\\eta) = " + LatexPrinter.print(f.f()) + "$ (normalised by" + " $f(0^+) = 0$)");
            case Dual.Numeric n -> line("- dual: numeric, " + n.method());
            case Dual.Unavailable u -> line("- dual: none (" + u.reason() + ")");
        }
        line("");
    }

    private static String paren(Expr e) {
        String latex = LatexPrinter.print(e);
        return e instanceof spd.compiler.sym.Sum ? "\\left(" + latex + "\\right)" : latex;
    }

    private static String textParen(Expr e) {
        String text = TextPrinter.print(e);
        return e instanceof spd.compiler.sym.Sum ? "(" + text + ")" : text;
    }

    private void properties() {
        if (d.properties().isEmpty()) {
            return;
        }
        line("## Properties");
        line("");
        for (Property p : d.properties()) {
            line("- **" + p.statement() + "** — " + p.reason() + " _("
                    + p.method().label() + ")_");
        }
        line("");
    }

    private void classical() {
        if (d.classical().isEmpty()) {
            return;
        }
        line("## Classical penalties");
        line("");
        for (ClassicalMatch m : d.classical()) {
            line("- " + (m.exact() ? "**equals** " : "resembles ") + "the " + m.family() + " penalty `" + m.formula()
                    + "`"
                    + (m.exact()
                            ? ""
                            : " (largest relative deviation " + Numbers.percent(m.maxRelativeDeviation())
                                    + " for 0.01 <= |w| <= 20)"));
        }
        line("");
    }

    private void checks() {
        if (d.checks().isEmpty()) {
            return;
        }
        line("## Check");
        line("");
        line("| w | Omega(w) | reference | reference error | rel. difference | reference |");
        line("|---|---|---|---|---|---|");
        for (CheckRow r : d.checks()) {
            line("| " + Numbers.format(r.w()) + " | " + Numbers.precise(r.value()) + " | "
                    + Numbers.precise(r.reference())
                    + " | " + Numbers.scientific(r.referenceError()) + " | "
                    + Numbers.scientific(r.relativeDifference()) + " | "
                    + r.referenceName() + " |");
        }
        line("");
    }

    private void notes() {
        if (d.notes().isEmpty()) {
            return;
        }
        line("## Notes");
        line("");
        for (String note : d.notes()) {
            line("- " + note);
        }
        line("");
    }

    private void plots(List<String> plots) {
        if (plots.isEmpty()) {
            return;
        }
        line("## Plots");
        line("");
        for (String plot : plots) {
            line("![" + plot + "](" + plot + ")");
            line("");
        }
    }
}
