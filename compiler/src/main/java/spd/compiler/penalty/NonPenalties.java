package spd.compiler.penalty;

import java.util.List;

/** Rules without a per-weight penalty: magnitude pruning (a constraint) and no regularisation at all. */
final class NonPenalties {
    private NonPenalties() {}

    static ReduceStage.Reduced magnitudePruning(Context context, Rule.MagnitudePruning rule) {
        double target = context.value(rule.target());
        String explanation =
                "Magnitude pruning keeps the k = (1 - " + PropertyAnalysis.format(target) + ")*d largest |w_i|"
                        + " of each layer (keep probability 1, eta = inf) and zeroes the rest (keep probability 0, eta = 0). Its"
                        + " effective penalty is the indicator of the constraint ||w||_0 <= k: 0 when at most k weights are nonzero,"
                        + " +inf otherwise (theory.md 3 row 13). It is not a sum of per-weight penalties Omega(w_i), so there is no"
                        + " eta_hat(w), no dual and no per-weight curve.";
        List<Step> steps = List.of(
                Step.remark(
                        "mask",
                        "keep_i = 1 for the k largest |w_i|, 0 otherwise: a keep probability that depends on the"
                                + " whole layer, not on w_i alone"),
                Step.remark("non-separable", explanation));
        PenaltyFunctions functions = Evaluators.notSeparable(
                "magnitude pruning has no per-weight penalty: it is a" + " constraint on the whole layer");
        List<Property> properties = List.of(new Property(
                "sparsity",
                true,
                "exactly sparse: a fraction " + PropertyAnalysis.format(target) + " of each layer is zero",
                "an l0 constraint (iterative hard thresholding), not a penalty",
                Property.Method.SYMBOLIC));
        Reduction none = new Reduction.NoPenalty(
                new Penalty.NotSeparable(explanation),
                new Dual.Unavailable("a constraint has no eta-trick dual"),
                functions,
                properties);
        return new ReduceStage.Reduced("gradual magnitude pruning", none, steps, List.of());
    }

    static ReduceStage.Reduced none() {
        List<Step> steps = List.of(Step.remark("none", "no mask and no penalty: Omega = 0, keep probability 1"));
        Reduction none = new Reduction.NoPenalty(
                new Penalty.None(), new Dual.Unavailable("no penalty"), Evaluators.none(), List.of());
        return new ReduceStage.Reduced("no regularisation", none, steps, List.of());
    }
}
