package spd.compiler.penalty;

import java.util.List;
import java.util.Optional;

/** Rules without a per-weight penalty: magnitude pruning (a constraint) and no regularisation at all. */
final class NonPenalties {
  private NonPenalties() {}

  static Derivation magnitudePruning(Context context, Rule.MagnitudePruning rule) {
    double target = PenaltyDeriver.value(context, rule.target());
    String explanation = "Magnitude pruning keeps the k = (1 - " + PropertyAnalysis.format(target) + ")*d largest |w_i|"
        + " of each layer (keep probability 1, eta = inf) and zeroes the rest (keep probability 0, eta = 0). Its"
        + " effective penalty is the indicator of the constraint ||w||_0 <= k: 0 when at most k weights are nonzero,"
        + " +inf otherwise (theory.md 3 row 13). It is not a sum of per-weight penalties Omega(w_i), so there is no"
        + " eta_hat(w), no dual and no per-weight curve.";
    List<Step> steps = List.of(
        Step.remark("mask", "keep_i = 1 for the k largest |w_i|, 0 otherwise: a keep probability that depends on the"
            + " whole layer, not on w_i alone"),
        Step.remark("non-separable", explanation));
    PenaltyFunctions functions = Functions.notSeparable("magnitude pruning has no per-weight penalty: it is a"
        + " constraint on the whole layer");
    List<Property> properties = List.of(new Property("sparsity", true,
        "exactly sparse: a fraction " + PropertyAnalysis.format(target) + " of each layer is zero",
        "an l0 constraint (iterative hard thresholding), not a penalty", Property.Method.SYMBOLIC));
    return new Derivation(context.input, "gradual magnitude pruning", steps, Optional.empty(), Optional.empty(),
        new Penalty.NotSeparable(explanation), new Dual.Unavailable("a constraint has no eta-trick dual"),
        properties, List.of(), List.of(), List.of(), functions);
  }

  static Derivation none(Context context) {
    List<Step> steps = List.of(Step.remark("none", "no mask and no penalty: Omega = 0, keep probability 1"));
    return new Derivation(context.input, "no regularisation", steps, Optional.empty(), Optional.empty(),
        new Penalty.None(), new Dual.Unavailable("no penalty"), List.of(), List.of(), List.of(), List.of(),
        Functions.none());
  }
}
