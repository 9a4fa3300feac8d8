package spd.compiler.check;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import spd.compiler.ast.Expr;
import spd.compiler.ast.PruneDecl;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;

/** Checks {@code prune keep < 0.05}, {@code prune |w| < 1e-3} and {@code prune log_alpha > log(19)}. */
final class PruneChecker {
    private static final Set<String> KEEP_MASKS = Set.of("bernoulli", "tikhonov", "prox", "eta_trick", "hard_concrete");
    private static final String FORMS = "write prune keep < 0.05, prune |w| < 1e-3 or prune log_alpha > log(19)";

    private final Diagnostics diagnostics;
    private final ExprChecker exprs;
    private final Constants constants;

    PruneChecker(Diagnostics diagnostics, ExprChecker exprs, Constants constants) {
        this.diagnostics = diagnostics;
        this.exprs = exprs;
        this.constants = constants;
    }

    void check(PruneDecl prune, List<MaskChecker.MaskFacts> masks, boolean hasEta) {
        Expr.Condition condition = prune.condition();
        String quantity = quantity(condition.left());
        if (quantity == null) {
            diagnostics.report(
                    Code.E0407,
                    condition.left().span(),
                    "cannot prune on '" + condition.left().span().text() + "'",
                    FORMS);
            return;
        }
        boolean below = condition.relation() == Expr.Relation.LT || condition.relation() == Expr.Relation.LE;
        boolean wantsBelow = !quantity.equals("log_alpha");
        if (below != wantsBelow) {
            diagnostics.report(
                    Code.E0407,
                    condition.span(),
                    "a weight is pruned when " + quantity + (wantsBelow ? " is small" : " is large")
                            + "; the comparison points the wrong way",
                    FORMS);
        }
        OptionalDouble threshold = threshold(condition.right(), quantity);
        if (threshold.isEmpty()) {
            return;
        }
        double t = threshold.getAsDouble();
        switch (quantity) {
            case "keep" -> {
                if (!(t > 0 && t < 1)) {
                    diagnostics.report(
                            Code.E0407,
                            condition.right().span(),
                            "a keep-probability threshold must lie in (0, 1), not " + SettingsChecker.format(t),
                            "the paper counts a weight as zero when keep < 0.05");
                }
                boolean keepDefined = hasEta || masks.stream().anyMatch(m -> KEEP_MASKS.contains(m.kind()));
                if (!keepDefined) {
                    diagnostics.report(
                            Code.E0407,
                            condition.left().span(),
                            "this experiment has no keep probability to prune on",
                            "define eta(w) = ... (keep = eta/(eta + lambda)) or a bernoulli, tikhonov, prox, eta_trick or hard_concrete mask;"
                                    + " or prune on |w|");
                }
            }
            case "log_alpha" -> {
                if (masks.stream().noneMatch(m -> m.kind().equals("variational"))) {
                    diagnostics.report(
                            Code.E0407,
                            condition.left().span(),
                            "log_alpha exists only with a variational mask",
                            "prune on |w| or keep instead");
                }
            }
            default -> {
                if (t < 0) {
                    diagnostics.report(Code.E0407, condition.right().span(), "a |w| threshold must be >= 0");
                }
            }
        }
    }

    private OptionalDouble threshold(Expr right, String quantity) {
        long before = diagnostics.errorCount();
        exprs.check(right, constants.scope(Set.of(), "a prune threshold"));
        if (diagnostics.errorCount() > before) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = ConstantEvaluator.evaluate(right, constants.values());
        if (value.isEmpty()) {
            diagnostics.report(Code.E0503, right.span(), "the " + quantity + " threshold is not a finite number");
        }
        return value;
    }

    private static String quantity(Expr left) {
        return switch (left) {
            case Expr.Name name when name.name().equals("keep") || name.name().equals("log_alpha") -> name.name();
            case Expr.Abs abs
            when abs.operand() instanceof Expr.Name name && name.name().equals("w") -> "|w|";
            default -> null;
        };
    }
}
