package spd.compiler.penalty;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import spd.compiler.numeric.DualDefinedRule;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.numeric.VariationalDropout;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;

/** The implementations of {@link PenaltyFunctions}: closed forms, quadrature, eta-trick duals, and none. */
final class Evaluators {
    private Evaluators() {}

    /** A closed form's value, or why there is none (a negative eta, outside the dual's domain). */
    private static Estimate closedFormValue(double value, double eta) {
        if (Double.isNaN(value)) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    spd.compiler.numeric.Outcome.NO_SOLUTION,
                    eta < 0
                            ? "the dual f(eta) is defined for eta >= 0 only"
                            : "the closed form is not defined at eta = " + eta);
        }
        return Estimate.exact(value);
    }

    /** eta/(eta + scale), 1 when eta is infinite. */
    static double keepOf(double eta, double scale) {
        if (eta == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return eta / (eta + scale);
    }

    /** eta_hat given as an expression in t = |w|: Omega in closed form or by quadrature, the dual likewise. */
    static PenaltyFunctions ofEta(
            Context context, List<Expr> etaForms, Optional<Expr> omegaT, Optional<Expr> dualEta, double keepScale) {
        DoubleUnaryOperator eta = Compiled.function(etaForms, Context.T, context.values);
        NumericPenalty numeric = NumericPenalty.of(eta);
        Optional<DoubleUnaryOperator> omega = omegaT.map(o -> Compiled.function(o, Context.T, context.values));
        Optional<DoubleUnaryOperator> dual = dualEta.map(f -> Compiled.function(f, Context.ETA, context.values));
        return new PenaltyFunctions() {
            @Override
            public Estimate omega(double w) {
                return omega.map(o -> Estimate.exact(o.applyAsDouble(Math.abs(w))))
                        .orElseGet(() -> numeric.omega(w));
            }

            @Override
            public double etaHat(double w) {
                return eta.applyAsDouble(Math.abs(w));
            }

            @Override
            public double keep(double w) {
                return keepOf(etaHat(w), keepScale);
            }

            @Override
            public Estimate dual(double etaValue) {
                if (etaValue == 0) {
                    return Estimate.exact(0); // duals are normalised by f(0+) = 0
                }
                return dual.map(f -> closedFormValue(f.applyAsDouble(etaValue), etaValue))
                        .orElseGet(() -> numeric.dual(etaValue));
            }
        };
    }

    /**
     * Functions given by their parts: Omega (and, when the source shares work between points, Omega at many
     * points), eta_hat, the dual, and the scale of the keep probability eta_hat/(eta_hat + scale).
     */
    private record Parts(
            DoubleFunction<Estimate> omegaAt,
            Function<double[], Estimate[]> omegaAtMany,
            DoubleUnaryOperator etaHatAt,
            DoubleFunction<Estimate> dualAt,
            double keepScale)
            implements PenaltyFunctions {
        @Override
        public Estimate omega(double w) {
            return omegaAt.apply(w);
        }

        @Override
        public Estimate[] omega(double[] ws) {
            return omegaAtMany == null ? PenaltyFunctions.super.omega(ws) : omegaAtMany.apply(ws);
        }

        @Override
        public double etaHat(double w) {
            return etaHatAt.applyAsDouble(w);
        }

        @Override
        public double keep(double w) {
            return keepOf(etaHat(w), keepScale);
        }

        @Override
        public Estimate dual(double eta) {
            return dualAt.apply(eta);
        }
    }

    /** A rule defined by its dual, eta_hat found numerically from the stationarity condition. */
    static PenaltyFunctions ofDualRule(DualDefinedRule rule, double keepScale) {
        return new Parts(
                rule::omega,
                rule::omega,
                w -> rule.etaHat(w).value(),
                eta -> rule.dual().value(eta),
                keepScale);
    }

    /** Variational dropout at the given lambda and data factor. */
    static PenaltyFunctions ofVariationalDropout(VariationalDropout vd, double lambda) {
        return new Parts(vd::omega, vd::omega, w -> vd.etaHat(w).value(), vd::dual, lambda);
    }

    /** Hard-concrete gates at the given lambda. */
    static PenaltyFunctions ofHardConcrete(spd.compiler.numeric.HardConcrete gates, double lambda) {
        return new Parts(gates::omega, null, w -> gates.etaHat(w).value(), gates::dual, lambda);
    }

    /** No penalty: Omega = 0, keep probability 1 (eta_hat infinite), dual 0. */
    static PenaltyFunctions none() {
        return new Parts(w -> Estimate.exact(0), null, w -> Double.POSITIVE_INFINITY, eta -> Estimate.exact(0), 1);
    }

    /** A rule without a per-weight penalty (magnitude pruning): no value exists, and each says why. */
    static PenaltyFunctions notSeparable(String reason) {
        Estimate none =
                new Estimate(Double.NaN, Double.POSITIVE_INFINITY, spd.compiler.numeric.Outcome.NO_SOLUTION, reason);
        return new Parts(w -> none, null, w -> Double.NaN, eta -> none, Double.NaN);
    }

    /** A divergent rule: Omega is infinite away from 0, and so is every value of the dual. */
    static PenaltyFunctions unavailable(String reason, DoubleUnaryOperator etaHat, double keepScale) {
        return new Parts(
                w -> w == 0 ? Estimate.exact(0) : Estimate.divergent(reason),
                null,
                w -> etaHat.applyAsDouble(Math.abs(w)),
                eta -> Estimate.divergent(reason),
                keepScale);
    }
}
