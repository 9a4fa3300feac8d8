package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spd.compiler.numeric.BehaviourAtZero;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.sym.Asymptotics;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;
import spd.compiler.sym.TextPrinter;

/**
 * Stage 2: the effective penalty Omega(w) = int_0^|w| t/eta_hat(t) dt (theory.md 2.2), in closed form when the
 * integrator finds one (a candidate: the next stage checks it against quadrature), else by quadrature; infinite when
 * t/eta_hat is not integrable at 0. Numeric reductions get their eta-trick numerics here.
 */
final class IntegrateStage implements Stage {
    private static final String QUADRATURE =
            "adaptive quadrature of t/eta_hat(t) on [0, |w|] (Gauss-Kronrod with" + " error estimates)";
    private static final String ETA_TRICK = "eta-trick: Omega(w) = (1/2)[w^2/eta_hat + f(eta_hat)], eta_hat by Brent's"
            + " method on w = eta*sqrt(f'(eta)); cross-checked by quadrature of t/eta_hat(t)";

    @Override
    public String id() {
        return "integrate";
    }

    @Override
    public String title() {
        return "Integrate Omega(w) = int_0^|w| t/eta_hat(t) dt";
    }

    @Override
    public Outcome run(DerivationState state) {
        Context context = state.context();
        return switch (state.requireReduction()) {
            case Reduction.ToEta eta -> integrate(state, context, eta);
            case Reduction.FromPenalty given ->
                Outcome.of(
                        state.withPenalty(
                                        new Penalty.ClosedForm(PropertyAnalysis.inW(
                                                ReverseDirection.present(given.omegaT(), context))),
                                        Optional.of(given.omegaT()))
                                .withFunctions(Evaluators.ofEta(
                                        context,
                                        given.etaForms(),
                                        Optional.of(given.omegaT()),
                                        Optional.empty(),
                                        context.lambdaValue)),
                        "Omega is given in closed form: nothing to integrate");
            case Reduction.NumericDual dual ->
                Outcome.of(
                        state.withPenalty(new Penalty.Numeric(ETA_TRICK), Optional.empty())
                                .withFunctions(Evaluators.ofDualRule(dual.rule(), context.lambdaValue)),
                        "Omega by the eta-trick, numerically");
            case Reduction.VariationalDropout vd ->
                Outcome.of(
                        state.withPenalty(new Penalty.Numeric(ETA_TRICK), Optional.empty())
                                .withFunctions(Evaluators.ofVariationalDropout(vd.numerics(), vd.keepScale())),
                        "Omega by the eta-trick, numerically");
            case Reduction.HardConcrete hc ->
                Outcome.of(
                        state.withPenalty(
                                        new Penalty.Numeric("eta-trick over the gate"
                                                + " parameter a with deterministic gate moments (Brent's method in log a); cross-checked against a plain"
                                                + " grid in log a"),
                                        Optional.empty())
                                .withFunctions(Evaluators.ofHardConcrete(hc.gates(), hc.keepScale())),
                        "Omega by the eta-trick over the gate parameter, numerically");
            case Reduction.NoPenalty none ->
                Outcome.of(
                        state.withPenalty(none.penalty(), Optional.empty()).withFunctions(none.functions()),
                        "nothing to integrate: no per-weight penalty");
        };
    }

    /** On a stage deadline the penalty is left to quadrature, which always finishes. */
    @Override
    public Outcome fallback(DerivationState state, String why) {
        if (state.requireReduction() instanceof Reduction.ToEta eta) {
            Context context = state.context();
            DerivationState next = state.withNotes(List.of("No closed form for Omega was sought to the end (" + why
                            + "): Omega is computed by quadrature."))
                    .withPenalty(new Penalty.Numeric(QUADRATURE), Optional.empty())
                    .withFunctions(Evaluators.ofEta(
                            context, eta.etaForms(), Optional.empty(), Optional.empty(), eta.keepScale()));
            return Outcome.of(next, "stopped (" + why + "): Omega by quadrature");
        }
        return Stage.super.fallback(state, why);
    }

    private Outcome integrate(DerivationState before, Context context, Reduction.ToEta eta) {
        List<Step> steps = new ArrayList<>();
        steps.add(
                Step.remark(
                        "envelope",
                        "lambda*Omega'(w) = lambda*w/eta_hat(w): the gradient of the penalty is the"
                                + " gradient of the reweighted Tikhonov term (lambda/2) w^2/eta with eta frozen (theory.md 2.2)"));
        Expr integrand = integrand(context, eta.etaT(), steps);
        DerivationState state = before.withIntegrand(integrand);
        NumericPenalty numeric = NumericPenalty.of(Compiled.function(eta.etaForms(), Context.T, context.values));
        Optional<String> divergence = divergence(context, integrand, numeric);
        if (divergence.isPresent()) {
            return divergent(state, context, eta, steps, divergence.get());
        }
        Optional<OmegaIntegrator.Result> found = OmegaIntegrator.fromZero(integrand, context);
        if (found.isEmpty()) {
            steps.add(Step.remark(
                    "numeric",
                    "no closed-form rule applies to this integrand: Omega is computed by adaptive"
                            + " quadrature with an error estimate (see the check table)"));
            DerivationState next = state.withPenalty(new Penalty.Numeric(QUADRATURE), Optional.empty())
                    .withFunctions(Evaluators.ofEta(
                            context, eta.etaForms(), Optional.empty(), Optional.empty(), eta.keepScale()));
            return new Outcome(next, steps, "no closed form: Omega by quadrature");
        }
        Expr omegaT = found.get().omega();
        List<Step> integration = new ArrayList<>(found.get().steps());
        Simplifier.Result presented = Simplifier.simplify(omegaT, context.positiveT, Rewrites.PRESENT);
        if (!presented.expr().equals(omegaT)) {
            integration.add(Step.then(String.join(", ", presented.rulesApplied()), presented.expr(), ""));
        }
        // Shown in |w| rather than t; integrals keep their variable.
        integration.forEach(s -> steps.add(s.mapExpressions(PropertyAnalysis::inW)));
        Expr closedForm = presented.expr();
        DerivationState next = state.withPenalty(
                        new Penalty.ClosedForm(PropertyAnalysis.inW(closedForm)), Optional.of(closedForm))
                .withFunctions(Evaluators.ofEta(
                        context, eta.etaForms(), Optional.of(closedForm), Optional.empty(), eta.keepScale()));
        return new Outcome(
                next,
                steps,
                "closed form Omega(w) = " + PropertyAnalysis.inW(closedForm).toText());
    }

    /** t/eta_hat(t), with the quotient as written and its simplification as steps. */
    private static Expr integrand(Context context, Expr etaT, List<Step> steps) {
        Expr t = Expr.symbol(Context.T);
        Formula.Quotient raw = new Formula.Quotient(t, etaT);
        steps.add(Step.of(
                "integrate", Quantity.OMEGA, new Formula.Integral(raw), "theory.md 2.2, t = |w|; Omega(0) = 0"));
        Simplifier.Result simplified = Simplifier.simplify(Expr.div(t, etaT), context.positiveT, Rewrites.INTEGRAND);
        Expr g = simplified.expr();
        if (!TextPrinter.print(g).equals(quotientText(etaT))) {
            String rules =
                    simplified.rulesApplied().isEmpty() ? "cancel" : String.join(", ", simplified.rulesApplied());
            steps.add(Step.then(rules, new Formula.Integral(new Formula.Expression(g)), ""));
        }
        return g;
    }

    /** How the quotient t/eta_hat reads in plain text, to tell whether simplifying changed it. */
    private static String quotientText(Expr etaT) {
        String denominator = TextPrinter.print(etaT);
        return "t/" + (denominator.matches("[A-Za-z0-9_.^]+") ? denominator : "(" + denominator + ")");
    }

    /** Why Omega is infinite for every w != 0, when t/eta_hat(t) is not integrable at 0. */
    private static Optional<String> divergence(Context context, Expr integrand, NumericPenalty numeric) {
        Asymptotics.Behaviour b =
                Asymptotics.leading(integrand, Context.T, Asymptotics.Point.ZERO_PLUS, context.values);
        if (b instanceof Asymptotics.Leading l) {
            double power = l.power().evaluate(context.values);
            if (power < -1 || (Math.abs(power + 1) < 1e-12 && l.logPower() >= -1)) {
                return Optional.of("t/eta_hat(t) ~ " + leading(l) + " as t -> 0+, which is not integrable at 0 (eta_hat"
                        + " vanishes like t^" + PropertyAnalysis.format(1 - power) + ", i.e. like t^2 or faster)");
            }
            return Optional.empty();
        }
        if (b instanceof Asymptotics.Infinite) {
            return Optional.of("t/eta_hat(t) is infinite near 0");
        }
        if (numeric.behaviourAtZero() instanceof BehaviourAtZero.Divergent d) {
            return Optional.of("numerically (the leading terms at 0 cancel symbolically): " + d.reason());
        }
        return Optional.empty();
    }

    private static String leading(Asymptotics.Leading l) {
        Expr t = Expr.symbol(Context.T);
        Expr term = Expr.mul(l.coefficient(), Expr.pow(t, l.power()));
        if (l.logPower() != 0) {
            term = Expr.mul(term, Expr.pow(Expr.log(t), Expr.number(l.logPower())));
        }
        return term.toText();
    }

    private static Outcome divergent(
            DerivationState state, Context context, Reduction.ToEta eta, List<Step> steps, String why) {
        String explanation =
                why.replaceAll("\\.$", "") + ". So Omega(w) = inf for every w != 0: the only point of finite"
                        + " penalty is w = 0, which absorbs the dropout iteration (a weight that becomes small gets a keep probability"
                        + " that vanishes faster than the data can restore it).";
        steps.add(Step.remark("divergence", explanation));
        PenaltyFunctions functions = Evaluators.unavailable(
                "Omega(w) is infinite for w != 0",
                Compiled.function(eta.etaT(), Context.T, context.values),
                eta.keepScale());
        DerivationState next = state.withPenalty(new Penalty.Divergent(explanation), Optional.empty())
                .withFunctions(functions);
        return new Outcome(next, steps, "Omega(w) = inf for every w != 0");
    }
}
