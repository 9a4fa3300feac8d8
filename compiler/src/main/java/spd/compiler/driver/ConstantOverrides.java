package spd.compiler.driver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Expr;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.SpdFile;
import spd.compiler.ast.Statement;
import spd.compiler.check.Numbers;
import spd.compiler.check.Suggestions;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.Span;

/** {@code --set name=value}: replaces the value of a {@code let} before checking, as if the file said so. */
final class ConstantOverrides {
    private ConstantOverrides() {}

    static SpdFile apply(SpdFile file, Map<String, String> overrides, Diagnostics diagnostics) {
        if (overrides.isEmpty()) {
            return file;
        }
        Set<String> declared = new LinkedHashSet<>();
        file.experiments()
                .forEach(e ->
                        e.all(LetDecl.class).forEach(l -> declared.add(l.name().name())));
        Span fileStart = new Span(file.source(), 0, 0);
        overrides.forEach((name, value) -> {
            if (!declared.contains(name)) {
                String[] help = Suggestions.didYouMean(name, declared);
                diagnostics.report(
                        Code.E0101,
                        fileStart,
                        "--set " + name + "=" + value + ": the file has no 'let " + name + "'",
                        help.length > 0
                                ? help
                                : new String[] {
                                    declared.isEmpty()
                                            ? "the file declares no 'let' constants"
                                            : "its constants are " + String.join(", ", declared)
                                });
            }
            if (Numbers.parse(value).isEmpty()) {
                diagnostics.report(
                        Code.E0503,
                        fileStart,
                        "--set " + name + "=" + value + ": '" + value + "' is not a number",
                        "write a decimal number such as 1e-3");
            }
        });
        if (diagnostics.hasErrors()) {
            return file;
        }
        List<Experiment> experiments =
                file.experiments().stream().map(e -> override(e, overrides)).toList();
        return new SpdFile(file.source(), file.imports(), file.rules(), experiments);
    }

    private static Experiment override(Experiment experiment, Map<String, String> overrides) {
        List<Statement> statements = new ArrayList<>();
        for (Statement statement : experiment.statements()) {
            if (statement instanceof LetDecl let
                    && overrides.containsKey(let.name().name())) {
                statements.add(new LetDecl(
                        let.name(),
                        new Expr.Num(
                                overrides.get(let.name().name()), let.value().span()),
                        let.span()));
            } else {
                statements.add(statement);
            }
        }
        return new Experiment(experiment.name(), statements, experiment.span());
    }
}
