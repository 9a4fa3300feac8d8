package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;

/**
 * Stage 3: Omega against an independent computation. A closed form found by integration must agree with adaptive
 * quadrature of t/eta_hat(t) at a few points (inside every piece), or it is not reported; then the check table
 * compares the reported Omega with quadrature (or, for the numeric rules, with their own reference computations and
 * the theory.md 6.2 oracles).
 */
final class CheckStage implements Stage {
    /** Closed forms must agree with quadrature to this relative difference, or they are not reported. */
    private static final double CHECK_TOLERANCE = 1e-8;

    private static final String INTEGRAL = "int_0^|w| t/eta_hat(t) dt";

    @Override
    public String id() {
        return "check";
    }

    @Override
    public String title() {
        return "Check against quadrature";
    }

    @Override
    public Outcome run(DerivationState state) {
        PenaltyFunctions functions = state.requireFunctions();
        return switch (state.requireReduction()) {
            case Reduction.ToEta eta -> checkEta(state, eta);
            case Reduction.FromPenalty given ->
                table(
                        state,
                        quadratureRows(
                                functions,
                                new TreeSet<>(List.of(0.1, 1.0, 3.0)),
                                INTEGRAL,
                                new HashMap<>(),
                                quadrature(state.context(), given.etaForms())));
            case Reduction.NumericDual dual -> table(state, DualRules.numericDualChecks(dual.rule(), functions));
            case Reduction.VariationalDropout vd -> table(state, DualRules.variationalDropoutChecks(vd, functions));
            case Reduction.HardConcrete hc -> table(state, DualRules.hardConcreteChecks(hc, functions));
            case Reduction.NoPenalty none -> Outcome.of(state, "nothing to check: no per-weight penalty");
        };
    }

    private static Outcome table(DerivationState state, List<CheckRow> rows) {
        double worst =
                rows.stream().mapToDouble(CheckRow::relativeDifference).max().orElse(0);
        long missing =
                rows.stream().filter(r -> !Double.isFinite(r.reference())).count();
        long disagreeing = rows.stream()
                .filter(r -> Double.isFinite(r.reference()) && disagrees(r))
                .count();
        // Said in the stage's heading, so that a wrong value (or a wrong reference) cannot hide in the table.
        String warning = (missing == 0 ? "" : "; WARNING: no reference could be computed at " + missing + " of them")
                + (disagreeing == 0
                        ? ""
                        : "; WARNING: " + disagreeing + " of them differ from their reference by more than "
                                + "its error, so Omega is not confirmed there");
        return Outcome.of(
                state.withChecks(rows),
                rows.size() + " points, largest relative difference " + Numbers.scientific(worst) + warning);
    }

    /** Whether a row's value lies outside its reference's error (ten times it, plus rounding in the last digits). */
    static boolean disagrees(CheckRow row) {
        double slack = 10 * row.referenceError() + 1e-9 * Math.abs(row.reference()) + 1e-15;
        return !(Math.abs(row.value() - row.reference()) <= slack);
    }

    private Outcome checkEta(DerivationState state, Reduction.ToEta eta) {
        if (state.requirePenalty() instanceof Penalty.Divergent) {
            return Outcome.of(state, "nothing to check: Omega is infinite away from 0");
        }
        Context context = state.context();
        NumericPenalty numeric = quadrature(context, eta.etaForms());
        Map<Double, Estimate> references = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        DerivationState checked = state;
        if (state.omegaT().isPresent()) {
            Optional<String> mismatch = disagreement(context, state.omegaT().get(), numeric, references);
            if (mismatch.isPresent()) {
                checked = rejected(state, eta, context, mismatch.get(), steps);
            }
        }
        // Points inside every piece of the integrand (min and max are cut there), else of eta_hat.
        Expr pieces = state.integrandT().orElse(eta.etaT());
        List<CheckRow> rows = quadratureRows(
                checked.requireFunctions(), checkPoints(context, pieces), "quadrature", references, numeric);
        Outcome outcome = table(checked, rows);
        String verdict = state.omegaT().isEmpty()
                ? ""
                : steps.isEmpty()
                        ? "the closed form agrees with quadrature; "
                        : "the closed form disagrees with quadrature and is not reported; ";
        return new Outcome(outcome.state(), steps, verdict + outcome.summary());
    }

    /** The closed form disagrees with quadrature: Omega is reported numerically, with the reason in a note. */
    private static DerivationState rejected(
            DerivationState state, Reduction.ToEta eta, Context context, String mismatch, List<Step> steps) {
        Expr omegaW = PropertyAnalysis.inW(state.omegaT().orElseThrow());
        List<String> rules = state.log().get(state.log().size() - 1).steps().stream()
                .filter(s -> s.defines().isEmpty() && s.value().orElse(null) instanceof Formula.Expression)
                .map(Step::rule)
                .toList();
        steps.add(Step.remark(
                "quadrature-check",
                "the closed form disagrees with quadrature (" + mismatch + "): Omega is"
                        + " computed by adaptive quadrature instead"));
        return state.withNotes(
                        List.of("The closed form " + omegaW.toText() + " found by the rules " + rules + " did not"
                                + " agree with quadrature (" + mismatch + "); Omega is reported numerically instead."))
                .withPenalty(
                        new Penalty.Numeric("adaptive quadrature of t/eta_hat(t) on [0, |w|] (Gauss-Kronrod with"
                                + " error estimates)"),
                        Optional.empty())
                .withFunctions(
                        Evaluators.ofEta(context, eta.etaForms(), Optional.empty(), Optional.empty(), eta.keepScale()));
    }

    private static Optional<String> disagreement(
            Context context, Expr omegaT, NumericPenalty numeric, Map<Double, Estimate> references) {
        DoubleUnaryOperator closed = Compiled.function(omegaT, Context.T, context.values);
        for (double w : checkPoints(context, omegaT)) {
            Estimate reference = references.computeIfAbsent(w, numeric::omega);
            if (!reference.converged()) {
                continue;
            }
            double value = closed.applyAsDouble(w);
            double allowed = CHECK_TOLERANCE * Math.max(Math.abs(reference.value()), 1e-12) + 2 * reference.error();
            if (!(Math.abs(value - reference.value()) <= allowed)) {
                return Optional.of("at w = " + PropertyAnalysis.format(w) + ": " + PropertyAnalysis.format(value)
                        + " against " + PropertyAnalysis.format(reference.value()));
            }
        }
        return Optional.empty();
    }

    /** 0.1, 1, 3 and, for piecewise results, a point inside each piece and one beyond the last breakpoint. */
    private static TreeSet<Double> checkPoints(Context context, Expr e) {
        TreeSet<Double> points = new TreeSet<>(List.of(0.1, 1.0, 3.0));
        List<Segments.Segment> segments = Segments.of(e, context);
        if (segments != null && segments.size() > 1) {
            for (Segments.Segment s : segments) {
                double lo = s.lower().evaluate(context.values);
                double hi = s.upper().map(u -> u.evaluate(context.values)).orElse(2 * lo + 1);
                points.add((lo + hi) / 2);
            }
        }
        return points;
    }

    /** Quadrature of t/eta_hat(t), the independent reference for Omega. */
    private static NumericPenalty quadrature(Context context, List<Expr> etaForms) {
        return NumericPenalty.of(Compiled.function(etaForms, Context.T, context.values));
    }

    /** The reported Omega against quadrature at each point (references computed once per point). */
    private static List<CheckRow> quadratureRows(
            PenaltyFunctions functions,
            TreeSet<Double> points,
            String name,
            Map<Double, Estimate> references,
            NumericPenalty numeric) {
        List<CheckRow> rows = new ArrayList<>();
        for (double w : points) {
            Estimate reference = references.computeIfAbsent(w, numeric::omega);
            rows.add(new CheckRow(w, functions.omega(w).value(), reference.value(), reference.error(), name));
        }
        return rows;
    }
}
