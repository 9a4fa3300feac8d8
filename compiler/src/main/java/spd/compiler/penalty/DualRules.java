package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.lang.Functions;
import spd.compiler.numeric.DualDefinedRule;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.Maximize;
import spd.compiler.numeric.Tolerance;
import spd.compiler.sym.Asymptotics;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.Call;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Num;
import spd.compiler.sym.Rational;
import spd.compiler.sym.Simplifier;
import spd.compiler.sym.Solver;

/**
 * Rules given by their dual f(eta) (theory.md 2.2), reduced to eta_hat: the stationarity condition w^2 = eta^2 f'(eta)
 * gives w_hat(eta) = eta sqrt(f'(eta)), whose inverse is eta_hat(w). When that inverse is symbolic the derivation
 * continues as for an explicit eta_hat; otherwise eta_hat is found by root finding and Omega(w) = (1/2)[w^2/eta_hat +
 * f(eta_hat)] numerically. Variational dropout and hard-concrete gates are rules of this kind with their own numerics;
 * their checks live here too.
 */
final class DualRules {
    static final Tolerance TOLERANCE = Tolerance.relative(1e-12);
    /** theory.md 6.2: exact-KL variational dropout at lambda = s = 1, Omega at |w| = 0.01, 0.1, 1, 5. */
    private static final double[][] VD_ORACLES = {{0.01, 0.009992}, {0.1, 0.099164}, {1, 0.913595}, {5, 2.722652}};

    private DualRules() {}

    static ReduceStage.Reduced reduce(Context context, Rule.DualRule rule) {
        Optional<ReduceStage.Reduced> known = knownDual(context, rule);
        if (known.isPresent()) {
            return known.get();
        }
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Expr eta = Expr.symbol(Context.ETA);
        var etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
        Expr fPrime;
        Optional<Expr> f;
        if (rule.isDerivative()) {
            fPrime = rule.f();
            f = Optional.empty();
            steps.add(Step.of("dual", Quantity.DUAL_PRIME, fPrime, "the derivative of the mask cost"));
        } else {
            f = Optional.of(normalizedAtZero(rule.f(), context, notes));
            steps.add(Step.of(
                    "dual",
                    Quantity.DUAL,
                    rule.f(),
                    "the mask cost: Omega(w) = (1/2) min_eta" + " [w^2/eta + f(eta)]"));
            try {
                fPrime = Simplifier.normalize(rule.f().derivative(Context.ETA), etaPositive);
            } catch (NotDifferentiableException e) {
                return numericDual(context, steps, notes, f, Optional.empty());
            }
            steps.add(Step.of("differentiate", Quantity.DUAL_PRIME, fPrime, ""));
        }
        Expr wHat = Simplifier.normalize(Expr.mul(eta, Expr.sqrt(fPrime)), etaPositive);
        steps.add(
                Step.of("stationarity", Quantity.W_HAT, wHat, "eta*sqrt(f'(eta)), from d/deta [w^2/eta + f(eta)] = 0"));
        Optional<Expr> inverse = Solver.invert(wHat, Context.ETA, Context.T, etaPositive);
        if (inverse.isPresent()) {
            Expr etaW = PropertyAnalysis.inW(inverse.get());
            steps.add(Step.of("invert", Quantity.ETA_HAT, etaW, "the inverse of w_hat"));
            Reduction reduction = ReduceStage.toEta(
                    context, etaW, Optional.of(MaskAlgebra.keepOfEta(etaW, context.lambda)), context.lambdaValue);
            return new ReduceStage.Reduced("dual (mask cost) f(eta)", reduction, steps, notes);
        }
        steps.add(Step.remark(
                "invert",
                "w_hat has no symbolic inverse here: eta_hat(w) is found by Brent's method in"
                        + " log eta for each w"));
        return numericDual(context, steps, notes, f, Optional.of(fPrime));
    }

    /**
     * The duals the standard library defines for variational dropout and hard-concrete gates, recognised by their
     * form, go to their dedicated numerics (faster and more accurate than generic quadrature of f', and checked against
     * theory.md 6.2). These duals are the lambda = 1 ones, so the penalty is that of lambda = 1 whatever the file's
     * lambda, which only enters the keep probability.
     */
    private static Optional<ReduceStage.Reduced> knownDual(Context context, Rule.DualRule rule) {
        var etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
        Expr f = Simplifier.normalize(rule.f().substitute(constantValues(context, rule.f())), etaPositive);
        Expr eta = Expr.symbol(Context.ETA);
        Expr x = Expr.sqrt(Expr.div(eta, Expr.TWO));
        Expr exactDerivative = Expr.div(Expr.call(Builtin.DAWSON, x), x);
        boolean exact = rule.isDerivative()
                ? f.equals(Simplifier.normalize(exactDerivative, etaPositive))
                : f.equals(Expr.call(Functions.VD_DUAL, eta));
        if (exact) {
            return Optional.of(variationalDropout(context, Rule.KlForm.EXACT, 1, true));
        }
        if (!rule.isDerivative() && f.equals(Simplifier.normalize(approximateKl(), etaPositive))) {
            return Optional.of(variationalDropout(context, Rule.KlForm.APPROXIMATE, 1, true));
        }
        if (!rule.isDerivative()
                && f instanceof Call c
                && c.function() == Functions.HARD_CONCRETE_DUAL
                && c.args().get(0).equals(eta)) {
            return Optional.of(hardConcrete(
                    context,
                    new Rule.HardConcrete(
                            c.args().get(1), c.args().get(2), c.args().get(3)),
                    1,
                    true));
        }
        return Optional.empty();
    }

    /** The constants of e (not w, eta or t) as numbers, so that a dual written with named constants is recognised. */
    private static Map<String, Expr> constantValues(Context context, Expr e) {
        Map<String, Expr> values = new HashMap<>();
        for (String name : e.freeSymbols()) {
            Constant c = context.input.constants().get(name);
            if (c != null && !name.equals(Context.ETA)) {
                values.put(name, Expr.number(c.value()));
            }
        }
        return values;
    }

    /**
     * f minus its limit at eta -> 0+, so that f(0+) = 0 as the numeric duals assume: the limit from the leading term
     * when it is a constant, else from values at eta = 1e-12 and 1e-10 when they agree.
     */
    private static Expr normalizedAtZero(Expr f, Context context, List<String> notes) {
        Asymptotics.Behaviour b = Asymptotics.leading(f, Context.ETA, Asymptotics.Point.ZERO_PLUS, context.values);
        Expr limit = null;
        boolean numerically = false;
        if (b instanceof Asymptotics.Leading l
                && l.logPower() == 0
                && Math.abs(l.power().evaluate(context.values)) < 1e-12) {
            limit = l.coefficient();
        } else if (!(b instanceof Asymptotics.Zero)) {
            DoubleUnaryOperator value = Compiled.function(f, Context.ETA, context.values);
            double near = value.applyAsDouble(1e-12);
            double far = value.applyAsDouble(1e-10);
            if (Double.isFinite(near) && Math.abs(near - far) <= 1e-8 * Math.max(1, Math.abs(near)) && near != 0) {
                Optional<Expr> symbolic = limitBySubstitution(f, context, near);
                numerically = symbolic.isEmpty();
                limit = symbolic.orElse(
                        Expr.number(Rational.parseDecimal(String.format(java.util.Locale.ROOT, "%.10g", near))));
            }
        }
        if (limit == null || (limit instanceof Num n && n.value().isZero())) {
            return f;
        }
        notes.add("f(0+) = " + limit.toText() + (numerically ? " (numerically)" : "")
                + " is subtracted from f: the dual is defined up to a constant, and f(0+) = 0 gives Omega(0) = 0.");
        return Simplifier.normalize(Expr.sub(f, limit), context.realW);
    }

    /**
     * f(0+) as f's stable form at eta = 0 (where the normal form is 0/0, the rationalised one is continuous), when that
     * is a finite constant agreeing with the value near 0.
     */
    private static Optional<Expr> limitBySubstitution(Expr f, Context context, double near) {
        try {
            var etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
            Expr stable = spd.compiler.sym.StableForm.of(f, etaPositive);
            Expr atZero = Simplifier.normalize(stable.substitute(Map.of(Context.ETA, Expr.ZERO)), context.realW);
            double value = atZero.evaluate(context.values);
            return Math.abs(value - near) <= 1e-8 * Math.max(1, Math.abs(near))
                    ? Optional.of(atZero)
                    : Optional.empty();
        } catch (ArithmeticException | IllegalArgumentException undefined) {
            return Optional.empty();
        }
    }

    private static ReduceStage.Reduced numericDual(
            Context context, List<Step> steps, List<String> notes, Optional<Expr> f, Optional<Expr> fPrime) {
        DualDefinedRule rule = new DualDefinedRule(numericDualOf(context, f, fPrime), TOLERANCE);
        steps.add(Step.of(
                "eta-trick",
                Quantity.OMEGA,
                StandardFormula.ETA_TRICK,
                "theory.md 2.1; eta_hat numeric, Omega with an error estimate"));
        return new ReduceStage.Reduced("dual f(eta)", new Reduction.NumericDual(rule, f), steps, notes);
    }

    private static spd.compiler.numeric.Dual numericDualOf(Context context, Optional<Expr> f, Optional<Expr> fPrime) {
        DoubleUnaryOperator value =
                f.map(e -> Compiled.function(e, Context.ETA, context.values)).orElse(null);
        if (fPrime.isPresent()) {
            DoubleUnaryOperator derivative = Compiled.function(fPrime.get(), Context.ETA, context.values);
            return value == null
                    ? spd.compiler.numeric.Dual.fromDerivative(derivative, TOLERANCE)
                    : spd.compiler.numeric.Dual.closedForm(value, derivative);
        }
        // f' only numerically: a central difference in log eta, accurate to about 1e-8 relative.
        DoubleUnaryOperator derivative = eta -> {
            double h = 1e-5 * eta;
            return (value.applyAsDouble(eta + h) - value.applyAsDouble(eta - h)) / (2 * h);
        };
        return spd.compiler.numeric.Dual.closedForm(value, derivative);
    }

    /** Omega by the dual's eta-trick against quadrature of t/eta_hat(t), at 0.01, 0.1, 1 and 5. */
    static List<CheckRow> numericDualChecks(DualDefinedRule rule, PenaltyFunctions functions) {
        List<CheckRow> checks = new ArrayList<>();
        for (double w : new double[] {0.01, 0.1, 1, 5}) {
            Estimate byIntegral = rule.omegaByIntegral(w);
            checks.add(new CheckRow(
                    w,
                    functions.omega(w).value(),
                    byIntegral.value(),
                    byIntegral.error(),
                    "int_0^|w| t/eta_hat(t) dt"));
        }
        return checks;
    }

    static ReduceStage.Reduced variationalDropout(Context context, Rule.VariationalDropout rule) {
        return variationalDropout(context, rule.kl(), context.lambdaValue, false);
    }

    /**
     * Variational dropout with the given KL at the given lambda (NaN: none given, 1 is used).
     *
     * @param asDual whether the rule came as an eta-trick dual (its f is the lambda = 1 one)
     */
    private static ReduceStage.Reduced variationalDropout(
            Context context, Rule.KlForm kl, double penaltyLambda, boolean asDual) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double lambda = penaltyLambda;
        if (Double.isNaN(lambda)) {
            lambda = 1;
            notes.add("No value for " + context.input.lambdaSymbol()
                    + ": variational dropout is derived at lambda = 1 (its"
                    + " own KL weight); the data factor s is 1 (theory.md 3.2).");
        }
        if (asDual) {
            notes.add(
                    "The dual is the standard library's variational-dropout one (lambda = s = 1): it is evaluated with the"
                            + " dedicated variational-dropout numerics.");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            // The KL weight scales the penalty and enters its numerics as a divisor: only a positive, finite one has
            // one.
            throw new DerivationException("variational dropout's penalty is derived for a positive, finite "
                    + context.input.lambdaSymbol() + ", not " + Numbers.format(lambda));
        }
        double keepScale = Double.isNaN(context.lambdaValue) ? lambda : context.lambdaValue;
        boolean exact = kl == Rule.KlForm.EXACT;
        spd.compiler.numeric.VariationalDropout vd = exact
                ? spd.compiler.numeric.VariationalDropout.exact(lambda, 1, TOLERANCE)
                : spd.compiler.numeric.VariationalDropout.approximate(lambda, 1, TOLERANCE);
        steps.add(Step.of("gaussian-mask", Quantity.MASK, StandardFormula.VARIATIONAL_MASK, "theory.md 1.3, s = 1"));
        if (exact) {
            steps.add(
                    Step.of(
                            "kl-cost",
                            Quantity.DUAL_PRIME,
                            StandardFormula.EXACT_KL_DUAL_DERIVATIVE,
                            "f(eta) = 2 KL(alpha = 1/eta) + const to the log-uniform prior; D is Dawson's function (theory.md 3 row 10)"));
        } else {
            steps.add(Step.of(
                    "kl-cost",
                    Quantity.DUAL,
                    approximateKl(),
                    "Molchanov et al.'s approximate KL,"
                            + " k1 = 0.63576, k2 = 1.87320, k3 = 1.48695 (theory.md 3 row 9)"));
        }
        steps.add(Step.of(
                "stationarity",
                Quantity.W_HAT,
                StandardFormula.STATIONARITY,
                "eta_hat is its inverse, found by Brent's method in log eta"));
        steps.add(Step.of(
                "eta-trick",
                Quantity.OMEGA,
                StandardFormula.ETA_TRICK,
                "for lambda != 1: lambda*Omega(w) = lambda*Omega_1(|w|/sqrt(lambda)) (theory.md 3.2)"));
        return new ReduceStage.Reduced(
                "variational dropout (" + (exact ? "exact" : "approximate") + " KL)",
                new Reduction.VariationalDropout(vd, kl, lambda, keepScale),
                steps,
                notes);
    }

    /** Omega against quadrature of t/eta_hat of the lambda = 1 rule, and the theory.md 6.2 oracles (exact KL, lambda 1). */
    static List<CheckRow> variationalDropoutChecks(Reduction.VariationalDropout vd, PenaltyFunctions functions) {
        List<CheckRow> checks = new ArrayList<>();
        DualDefinedRule unit = vd.numerics().unitRule();
        double scale = Math.sqrt(1 / vd.lambda());
        for (double w : new double[] {0.01, 0.1, 1, 5}) {
            Estimate byIntegral = unit.omegaByIntegral(w * scale);
            checks.add(new CheckRow(
                    w,
                    functions.omega(w).value(),
                    byIntegral.value(),
                    byIntegral.error(),
                    "int_0^|w| t/eta_hat(t) dt"));
        }
        if (vd.kl() == Rule.KlForm.EXACT && vd.lambda() == 1) {
            for (double[] oracle : VD_ORACLES) {
                checks.add(
                        new CheckRow(oracle[0], functions.omega(oracle[0]).value(), oracle[1], 5e-7, "theory.md 6.2"));
            }
        }
        return checks;
    }

    /** The dual variational dropout's KL gives, at lambda = s = 1. */
    static Expr variationalDropoutDual(Reduction.VariationalDropout vd) {
        return vd.kl() == Rule.KlForm.EXACT ? Expr.call(Functions.VD_DUAL, Expr.symbol(Context.ETA)) : approximateKl();
    }

    /** f(eta) = 2[k1 sigmoid(k3 log eta - k2) + log(1 + eta)/2], at lambda = s = 1. */
    static Expr approximateKl() {
        Expr eta = Expr.symbol(Context.ETA);
        Expr k1 = Expr.number(Rational.parseDecimal("0.63576"));
        Expr k2 = Expr.number(Rational.parseDecimal("1.87320"));
        Expr k3 = Expr.number(Rational.parseDecimal("1.48695"));
        Expr sigmoid = Expr.call(Builtin.SIGMOID, Expr.sub(Expr.mul(k3, Expr.log(eta)), k2));
        return Expr.mul(
                Expr.TWO, Expr.add(Expr.mul(k1, sigmoid), Expr.mul(Expr.HALF, Expr.log(Expr.add(Expr.ONE, eta)))));
    }

    /** The smallest gate temperature whose moments the derivation computes (1e-3 takes seconds, 1e-5 a minute). */
    static final double MIN_GATE_BETA = 1e-3;

    static ReduceStage.Reduced hardConcrete(Context context, Rule.HardConcrete rule) {
        return hardConcrete(context, rule, context.lambdaValue, false);
    }

    private static ReduceStage.Reduced hardConcrete(
            Context context, Rule.HardConcrete rule, double penaltyLambda, boolean asDual) {
        double beta = context.value(rule.beta());
        double gamma = context.value(rule.gamma());
        double zeta = context.value(rule.zeta());
        if (!(beta > 0 && gamma < 0 && zeta > 1)) {
            throw new DerivationException("hard-concrete gates need beta > 0, gamma < 0 and"
                    + " zeta > 1 (Louizos et al. use beta 2/3, gamma -0.1, zeta 1.1); got beta " + Numbers.format(beta)
                    + ", gamma " + Numbers.format(gamma) + ", zeta " + Numbers.format(zeta));
        }
        if (beta < MIN_GATE_BETA) {
            // Below it the gates are nearly hard, and the moments' quadrature over the logistic variable takes minutes.
            throw new DerivationException("the hard-concrete penalty is derived for beta >= " + MIN_GATE_BETA + " (the"
                    + " gates are nearly binary below it), not " + Numbers.format(beta));
        }
        List<String> notes = new ArrayList<>();
        double lambda = penaltyLambda;
        if (Double.isNaN(lambda)) {
            lambda = 1;
            notes.add("No value for " + context.input.lambdaSymbol() + ": the gates are derived at lambda = 1.");
        }
        if (asDual) {
            notes.add(
                    "The dual is the standard library's hard-concrete one (lambda = 1): it is evaluated with the dedicated"
                            + " gate-moment numerics.");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            // lambda * P(gate open) is the whole penalty: at lambda = 0 there is none to derive (training still runs).
            throw new DerivationException(
                    "the hard-concrete penalty is derived for a positive, finite " + context.input.lambdaSymbol()
                            + ", not " + Numbers.format(lambda) + " (at 0 the gates add no penalty)");
        }
        double keepScale = Double.isNaN(context.lambdaValue) ? lambda : context.lambdaValue;
        spd.compiler.numeric.HardConcrete gates =
                new spd.compiler.numeric.HardConcrete(beta, gamma, zeta, lambda, TOLERANCE);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(
                "hard-concrete",
                Quantity.GATE,
                StandardFormula.HARD_CONCRETE_GATE,
                "beta = " + Numbers.format(beta) + ", gamma = " + Numbers.format(gamma) + ", zeta = "
                        + Numbers.format(zeta) + " (theory.md 3 row 11)"));
        steps.add(
                Step.of(
                        "gate-variance",
                        Quantity.GATE_ETA,
                        StandardFormula.GATE_VARIANCE,
                        "the normalised mask z/E[z] (theory.md 1.1); moments by deterministic quadrature over the logistic variable"));
        steps.add(Step.of("gate-cost", Quantity.DUAL, StandardFormula.GATE_COST, "at the a with eta(a) = eta"));
        steps.add(Step.of(
                "eta-trick",
                Quantity.OMEGA,
                StandardFormula.GATE_ETA_TRICK,
                "at most 1/2: for large |w| the gate stays on (a -> inf, eta_hat = inf)"));
        return new ReduceStage.Reduced(
                "hard-concrete L0 gates", new Reduction.HardConcrete(gates, rule, lambda, keepScale), steps, notes);
    }

    /** The gates' dual as a call of the language's {@code hard_concrete_dual}. */
    static Expr hardConcreteDual(Reduction.HardConcrete hc) {
        return Expr.call(
                Functions.HARD_CONCRETE_DUAL,
                List.of(
                        Expr.symbol(Context.ETA),
                        hc.rule().beta(),
                        hc.rule().gamma(),
                        hc.rule().zeta()));
    }

    /**
     * Omega against its definition (1/2) inf_a [w^2 V(a)/lambda + P(z != 0)] evaluated independently: the objective on
     * a grid of log a in [-20, 20], refined by Brent's method around the best grid point, and the limit 1/2 (a -> inf).
     * (Quadrature of t/eta_hat is no check here: eta_hat jumps to inf where the penalty saturates.)
     */
    static List<CheckRow> hardConcreteChecks(Reduction.HardConcrete hc, PenaltyFunctions functions) {
        spd.compiler.numeric.HardConcrete gates = hc.gates();
        double lambda = hc.lambda();
        int n = 81;
        double step = 40.0 / (n - 1);
        double[] objectiveParts = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double logA = -20 + step * i;
            objectiveParts[2 * i] = gates.normalisedVariance(logA).value();
            objectiveParts[2 * i + 1] = gates.nonZeroProbability(logA);
        }
        List<CheckRow> checks = new ArrayList<>();
        for (double w : new double[] {0.01, 0.1, 0.3, 0.5, 1, 3}) {
            // The same objective as Brent's below, lambda included: without it the grid picks the wrong bracket
            // whenever lambda != 1 (at lambda = 1e-3 it reported 1/2 for Omega(0.01) = 0.372).
            double weight = w * w / lambda;
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (weight * objectiveParts[2 * i] + objectiveParts[2 * i + 1]
                        < weight * objectiveParts[2 * best] + objectiveParts[2 * best + 1]) {
                    best = i;
                }
            }
            double lo = -20 + step * Math.max(best - 1, 0);
            double hi = -20 + step * Math.min(best + 1, n - 1);
            var min = Maximize.brent(
                    logA -> -(w * w * gates.normalisedVariance(logA).value() / lambda + gates.nonZeroProbability(logA)),
                    lo,
                    hi,
                    Tolerance.relative(1e-10));
            double reference = Math.min(1, -min.value()) / 2;
            checks.add(new CheckRow(
                    w,
                    functions.omega(w).value(),
                    reference,
                    Math.abs(min.valueError()) / 2 + 1e-15,
                    "min over log a (grid + Brent)"));
        }
        return checks;
    }
}
