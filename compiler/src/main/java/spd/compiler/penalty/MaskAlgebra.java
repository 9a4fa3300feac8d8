package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.numeric.Root;
import spd.compiler.numeric.Roots;
import spd.compiler.numeric.Tolerance;
import spd.compiler.sym.Cancel;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Piecewise;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;

/**
 * From a mask's keep probability or variance to the reweighting eta_hat it implements (theory.md 1.1-1.3): a scaled
 * Bernoulli mask, the adaptive Tikhonov term and the proximal shrinkage all have (1 - keep)/keep = s/eta_hat, with
 * s = lambda (or lr*lambda for a proximal step); a Gaussian mask has variance lambda/eta_hat.
 */
final class MaskAlgebra {
    private MaskAlgebra() {}

    /** keep = eta/(eta + s), piece by piece, with keep = 1 where eta = inf. */
    static Expr keepOfEta(Expr eta, Expr scale) {
        if (eta instanceof Piecewise p) {
            return Expr.piecewise(
                    p.pieces().stream()
                            .map(piece -> new Piece(piece.when(), keepOfEta(piece.value(), scale)))
                            .toList(),
                    keepOfEta(p.otherwise(), scale));
        }
        if (eta.equals(Expr.infinity())) {
            return Expr.ONE;
        }
        return Cancel.deep(Expr.div(eta, Expr.add(eta, scale)));
    }

    static ReduceStage.Reduced fromKeep(Context context, Rule.KeepRule rule) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rule.eta()
                .ifPresent(eta -> steps.add(Step.of(
                        "reweighting",
                        Quantity.ETA_RULE,
                        eta,
                        "the reweighting rule that eta stands for in the mask")));
        Expr scale = switch (rule.kind()) {
            case BERNOULLI, TIKHONOV -> context.lambda;
            case PROX -> Expr.mul(Expr.symbol("lr"), context.lambda);
        };
        steps.add(Step.of("mask", Quantity.KEEP, rule.keep(), maskNote(rule)));
        Expr variance = Simplifier.normalize(Expr.div(Expr.sub(Expr.ONE, rule.keep()), rule.keep()), context.realW);
        boolean prox = rule.kind() == Rule.MaskKind.PROX;
        steps.add(Step.of(
                prox ? "prox-shrinkage" : "mask-variance",
                prox ? Quantity.SHRINKAGE_RATIO : Quantity.MASK_VARIANCE,
                variance,
                varianceNote(rule.kind())));
        Expr etaHat = Simplifier.normalize(Expr.div(scale, variance), context.realW);
        steps.add(Step.of(
                "eta-from-keep",
                Quantity.ETA_HAT,
                etaHat,
                scale.toText() + "*keep/(1 - keep): the reweighting whose Tikhonov weight " + scale.toText()
                        + "/eta_hat is the mask's"));
        Expr etaW = substituteEta(context, rule.eta(), etaHat, steps);
        Expr keepW = Simplifier.normalize(substitute(rule.keep(), rule.eta()), context.realW);
        boolean lrKnown = context.values.containsKey("lr");
        if (!lrKnown && etaW.dependsOn("lr")) {
            throw new DerivationException(
                    "the penalty of " + context.input.experimentName()
                            + " depends on the learning rate lr, which has no value; give the optimizer's lr (train adam(lr = ...))");
        }
        double keepScale = lrKnown || !scale.dependsOn("lr") ? context.value(scale) : context.value(context.lambda);
        if (!lrKnown && scale.dependsOn("lr")) {
            notes.add("No learning rate is given, so the keep probability is shown at lr = 1: eta/(eta + lambda). The"
                    + " effective penalty does not depend on lr.");
        }
        if (rule.kind() == Rule.MaskKind.PROX) {
            notes.add(
                    "A proximal step w <- keep*w with keep = eta/(eta + lr*lambda) is the prox of lr*(lambda/2) w^2/eta"
                            + " (theory.md 4.2), so its effective penalty is that of eta, independent of the step size.");
        }
        if (rule.adamScaled()) {
            notes.add("With `scale adam` the step lr is divided per weight by sqrt(v_hat), Adam's bias-corrected second"
                    + " moment (theory.md 4.2): the shrinkage is the prox in Adam's metric and the keep probability shown"
                    + " uses the plain lr.");
        }
        rule.minKeep().ifPresent(minKeep -> notes.add(minKeepNote(context, minKeep, etaW, keepScale)));
        Reduction eta = ReduceStage.toEta(context, etaW, Optional.of(keepW), keepScale);
        return new ReduceStage.Reduced(description(rule), eta, steps, notes);
    }

    static ReduceStage.Reduced fromVariance(Context context, Rule.VarianceRule rule) {
        List<Step> steps = new ArrayList<>();
        rule.eta()
                .ifPresent(eta -> steps.add(Step.of(
                        "reweighting",
                        Quantity.ETA_RULE,
                        eta,
                        "the reweighting rule that eta stands for in the mask")));
        steps.add(Step.of(
                "gaussian-mask",
                Quantity.MASK_VARIANCE,
                rule.variance(),
                "m ~ N(1, variance): E m = 1, so E L(m*w) = L(w) + (1/2) sum_i Var(m_i) w_i^2 (theory.md 1.2, s = 1)"));
        Expr etaHat = Simplifier.normalize(Expr.div(context.lambda, rule.variance()), context.realW);
        steps.add(Step.of(
                "eta-from-variance",
                Quantity.ETA_HAT,
                etaHat,
                "lambda/Var m: the Tikhonov weight lambda/eta_hat equals the variance (theory.md 1.3)"));
        Expr etaW = substituteEta(context, rule.eta(), etaHat, steps);
        Reduction eta =
                ReduceStage.toEta(context, etaW, Optional.of(keepOfEta(etaW, context.lambda)), context.lambdaValue);
        return new ReduceStage.Reduced("Gaussian multiplicative mask", eta, steps, List.of());
    }

    private static Expr substituteEta(Context context, Optional<Expr> eta, Expr etaHat, List<Step> steps) {
        if (eta.isEmpty() || !etaHat.dependsOn(Context.ETA)) {
            return etaHat;
        }
        Expr etaW = Simplifier.normalize(substitute(etaHat, eta), context.realW);
        steps.add(Step.then("substitute", etaW, "eta = eta(w)"));
        return etaW;
    }

    private static Expr substitute(Expr e, Optional<Expr> eta) {
        return eta.map(value -> e.substitute(Map.of(Context.ETA, value))).orElse(e);
    }

    private static String description(Rule.KeepRule rule) {
        return switch (rule.kind()) {
            case BERNOULLI -> "adaptive scaled-Bernoulli dropout (keep probability)";
            case TIKHONOV -> "adaptive Tikhonov term (expected loss of a mask with this keep probability)";
            case PROX -> "adaptive proximal shrinkage" + (rule.adamScaled() ? " (Adam-scaled)" : "");
        };
    }

    private static String maskNote(Rule.KeepRule rule) {
        return switch (rule.kind()) {
            case BERNOULLI -> "m = Bernoulli(keep)/keep on every weight, E m = 1";
            case TIKHONOV -> "no noise: the expected-loss term (1 - keep)/(2 keep) w^2, keep frozen";
            case PROX -> "after each step, w <- keep*w";
        };
    }

    private static String varianceNote(Rule.MaskKind kind) {
        return switch (kind) {
            case BERNOULLI -> "a scaled Bernoulli(keep) mask has variance (1 - keep)/keep (theory.md 1.1)";
            case TIKHONOV -> "the Tikhonov weight of the expected loss (theory.md 1.2)";
            case PROX -> "z*keep = z/(1 + lr*lambda/eta) is the prox of lr*(lambda/2) z^2/eta (theory.md 4.2)";
        };
    }

    /** Where the floor on the keep probability is active, and what it does to the penalty there. */
    private static String minKeepNote(Context context, Expr minKeep, Expr etaW, double keepScale) {
        double floor = context.value(minKeep);
        var eta = Compiled.function(
                Simplifier.normalize(etaW.substitute(Map.of(Context.W, Expr.symbol(Context.T))), context.positiveT),
                Context.T,
                context.values);
        double etaFloor = keepScale * floor / (1 - floor);
        Root root = Roots.onPositiveAxis(
                t -> Evaluators.keepOf(eta.applyAsDouble(t), keepScale) - floor, 1e-3, Tolerance.relative(1e-10));
        String where = root.converged()
                ? " |w| < " + PropertyAnalysis.format(root.x())
                : " the weights whose keep" + " probability is below it";
        return "min_keep " + PropertyAnalysis.format(floor) + " holds eta at " + PropertyAnalysis.format(etaFloor)
                + " (keep = min_keep) for" + where + ": there the penalty is quadratic (w^2/(2*"
                + PropertyAnalysis.format(etaFloor)
                + ")) rather than the one derived below; a numerical guard, not part of"
                + " the rule.";
    }

    /** Presentation rules for the keep probability. */
    static Expr present(Expr e, Context context) {
        return Simplifier.simplify(e, context.realW, Rewrites.PRESENT).expr();
    }
}
