package spd.compiler.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import spd.compiler.penalty.CheckRow;
import spd.compiler.penalty.ClassicalMatch;
import spd.compiler.penalty.Constant;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Dual;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.Property;
import spd.compiler.penalty.Quote;
import spd.compiler.penalty.StageRecord;
import spd.compiler.penalty.Step;
import spd.compiler.sym.LatexPrinter;

/** Renders a derivation as a standalone LaTeX document (article class, amsmath). */
final class TexReport {
    private final Derivation d;
    private final StringBuilder out = new StringBuilder();

    private TexReport(Derivation d) {
        this.d = d;
    }

    /** The document; {@code pngPlot} is the figure to include, if any. */
    static String render(Derivation d, String pngPlot) {
        TexReport tex = new TexReport(d);
        tex.preamble();
        tex.inputs();
        tex.derivation();
        tex.result();
        tex.properties();
        tex.checks();
        tex.notes();
        if (!pngPlot.isEmpty()) {
            tex.line("\\begin{figure}[h]\\centering\\includegraphics[width=\\textwidth]{" + pngPlot + "}\\end{figure}");
        }
        tex.line("\\end{document}");
        return tex.out.toString();
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** Text for LaTeX's text mode: special characters escaped. */
    static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '_', '%', '&', '#', '$', '{', '}' -> b.append('\\').append(c);
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '<' -> b.append("\\textless{}");
                case '>' -> b.append("\\textgreater{}");
                case '|' -> b.append("\\textbar{}");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private void preamble() {
        line("\\documentclass[11pt]{article}");
        line("\\usepackage[margin=2cm]{geometry}");
        line("\\usepackage{amsmath,amssymb,graphicx}");
        line("\\usepackage[T1]{fontenc}");
        line("\\title{Effective penalty of \\texttt{" + text(d.input().experimentName()) + "}}");
        line("\\date{}");
        line("\\begin{document}");
        line("\\maketitle");
        line("Source: \\texttt{" + text(d.input().sourcePath()) + "} --- " + text(d.ruleDescription()) + ".");
        line("");
    }

    private void inputs() {
        line("\\section*{Inputs}");
        line("\\begin{itemize}");
        for (Quote q : d.input().inputs()) {
            line("\\item " + text(q.role()) + ": \\texttt{" + text(q.text().strip()) + "} (line " + q.line() + ")");
        }
        Map<String, Constant> constants = new TreeMap<>(d.input().constants());
        for (Constant c : constants.values()) {
            line("\\item $" + LatexPrinter.symbol(c.name()) + " = " + c.value().toDecimalString() + "$"
                    + (c.line() > 0 ? " (line " + c.line() + ")" : ""));
        }
        line("\\item[]");
        line("\\end{itemize}");
    }

    /** One subsection per stage, with its conclusion and its steps, numbered across stages. */
    private void derivation() {
        line("\\section*{Derivation}");
        int n = 1;
        for (int k = 0; k < d.stages().size(); k++) {
            StageRecord stage = d.stages().get(k);
            line("\\subsection*{" + (k + 1) + ". " + text(stage.title()) + "}");
            line(text(stage.summary()) + ".");
            if (stage.steps().isEmpty()) {
                line("");
                continue;
            }
            line("\\begin{enumerate}\\setcounter{enumi}{" + (n - 1) + "}");
            for (Step s : stage.steps()) {
                line(item(s));
                n++;
            }
            line("\\end{enumerate}");
        }
    }

    private static String item(Step s) {
        StringBuilder item = new StringBuilder("\\item \\textbf{[" + text(s.rule()) + "]} ");
        String equation = StepPrinter.latexEquation(s);
        if (!equation.isEmpty()) {
            item.append("$").append(equation).append("$");
            if (!s.note().isEmpty()) {
                item.append(" --- ");
            }
        }
        return item.append(text(s.note())).toString();
    }

    private void result() {
        line("\\section*{Result}");
        switch (d.penalty()) {
            case Penalty.ClosedForm c ->
                line("\\[ " + LatexPrinter.symbol(d.input().lambdaSymbol()) + "\\,\\Omega(w) = "
                        + LatexPrinter.symbol(d.input().lambdaSymbol()) + "\\left(" + LatexPrinter.print(c.omega())
                        + "\\right) \\]");
            case Penalty.Numeric n -> line("No closed form: " + text(n.method()) + ".");
            case Penalty.Divergent v -> line("$\\Omega(w) = \\infty$ for every $w \\ne 0$. " + text(v.explanation()));
            case Penalty.NotSeparable s -> line(text(s.explanation()));
            case Penalty.None none -> line("No regularisation: $\\Omega = 0$.");
        }
        d.etaHat().ifPresent(e -> line("\\[ \\hat\\eta(w) = " + LatexPrinter.print(e) + " \\]"));
        d.keep().ifPresent(k -> line("\\[ \\alpha(w) = " + LatexPrinter.print(k) + " \\]"));
        if (d.dual() instanceof Dual.ClosedForm f) {
            line("\\[ f(\\eta) = " + LatexPrinter.print(f.f()) + " \\]");
        }
    }

    private void properties() {
        if (d.properties().isEmpty()) {
            return;
        }
        line("\\section*{Properties}");
        line("\\begin{itemize}");
        for (Property p : d.properties()) {
            line("\\item \\textbf{" + text(p.statement()) + "} --- " + text(p.reason()) + " \\emph{("
                    + p.method().label() + ")}");
        }
        for (ClassicalMatch m : d.classical()) {
            line("\\item " + (m.exact() ? "equals" : "resembles") + " the " + text(m.family()) + " penalty \\texttt{"
                    + text(m.formula()) + "}");
        }
        line("\\end{itemize}");
    }

    private void checks() {
        List<CheckRow> rows = d.checks();
        if (rows.isEmpty()) {
            return;
        }
        line("\\section*{Check}");
        line("\\begin{tabular}{rrrrl}");
        line("$w$ & $\\Omega(w)$ & reference & rel.\\ difference & reference \\\\ \\hline");
        for (CheckRow r : rows) {
            line(Numbers.format(r.w()) + " & " + Numbers.precise(r.value()) + " & " + Numbers.precise(r.reference())
                    + " & " + Numbers.scientific(r.relativeDifference()) + " & " + text(r.referenceName()) + " \\\\");
        }
        line("\\end{tabular}");
    }

    private void notes() {
        if (d.notes().isEmpty()) {
            return;
        }
        line("\\section*{Notes}");
        line("\\begin{itemize}");
        d.notes().forEach(n -> line("\\item " + text(n)));
        line("\\end{itemize}");
    }
}
