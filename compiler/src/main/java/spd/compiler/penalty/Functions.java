package spd.compiler.penalty;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.DualDefinedRule;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.numeric.VariationalDropout;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;

/** The implementations of {@link PenaltyFunctions}: closed forms, quadrature, eta-trick duals, and none. */
final class Functions {
  private Functions() {}

  /** eta/(eta + scale), 1 when eta is infinite. */
  static double keepOf(double eta, double scale) {
    if (eta == Double.POSITIVE_INFINITY) {
      return 1;
    }
    return eta / (eta + scale);
  }

  /** eta_hat given as an expression in t = |w|: Omega in closed form or by quadrature, the dual likewise. */
  static PenaltyFunctions ofEta(Context context, Expr etaT, Optional<Expr> omegaT, Optional<Expr> dualEta,
      double keepScale) {
    DoubleUnaryOperator eta = Compiled.function(etaT, Context.T, context.values);
    NumericPenalty numeric = NumericPenalty.of(eta);
    Optional<DoubleUnaryOperator> omega = omegaT.map(o -> Compiled.function(o, Context.T, context.values));
    Optional<DoubleUnaryOperator> dual = dualEta.map(f -> Compiled.function(f, Context.ETA, context.values));
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return omega.map(o -> Estimate.exact(o.applyAsDouble(Math.abs(w)))).orElseGet(() -> numeric.omega(w));
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
        return dual.map(f -> Estimate.exact(f.applyAsDouble(etaValue))).orElseGet(() -> numeric.dual(etaValue));
      }
    };
  }

  /** A rule defined by its dual, eta_hat found numerically from the stationarity condition. */
  static PenaltyFunctions ofDualRule(DualDefinedRule rule, double keepScale) {
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return rule.omega(w);
      }

      @Override
      public Estimate[] omega(double[] ws) {
        return rule.omega(ws);
      }

      @Override
      public double etaHat(double w) {
        return rule.etaHat(w).value();
      }

      @Override
      public double keep(double w) {
        return keepOf(etaHat(w), keepScale);
      }

      @Override
      public Estimate dual(double eta) {
        return rule.dual().value(eta);
      }
    };
  }

  /** Variational dropout at the given lambda and data factor. */
  static PenaltyFunctions ofVariationalDropout(VariationalDropout vd, double lambda) {
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return vd.omega(w);
      }

      @Override
      public Estimate[] omega(double[] ws) {
        return vd.omega(ws);
      }

      @Override
      public double etaHat(double w) {
        return vd.etaHat(w).value();
      }

      @Override
      public double keep(double w) {
        return keepOf(etaHat(w), lambda);
      }

      @Override
      public Estimate dual(double eta) {
        return vd.dual(eta);
      }
    };
  }

  /** Hard-concrete gates at the given lambda. */
  static PenaltyFunctions ofHardConcrete(spd.compiler.numeric.HardConcrete gates, double lambda) {
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return gates.omega(w);
      }

      @Override
      public double etaHat(double w) {
        return gates.etaHat(w).value();
      }

      @Override
      public double keep(double w) {
        return keepOf(etaHat(w), lambda);
      }

      @Override
      public Estimate dual(double eta) {
        return gates.dual(eta);
      }
    };
  }

  /** No penalty: Omega = 0, keep probability 1, no dual. */
  static PenaltyFunctions none() {
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return Estimate.exact(0);
      }

      @Override
      public double etaHat(double w) {
        return Double.POSITIVE_INFINITY;
      }

      @Override
      public double keep(double w) {
        return 1;
      }

      @Override
      public Estimate dual(double eta) {
        return Estimate.exact(0);
      }
    };
  }

  /** A rule with no per-weight penalty (magnitude pruning) or a divergent one: every value is unavailable. */
  static PenaltyFunctions unavailable(String reason, DoubleUnaryOperator etaHat, double keepScale) {
    return new PenaltyFunctions() {
      @Override
      public Estimate omega(double w) {
        return w == 0 ? Estimate.exact(0) : Estimate.divergent(reason);
      }

      @Override
      public double etaHat(double w) {
        return etaHat.applyAsDouble(Math.abs(w));
      }

      @Override
      public double keep(double w) {
        return keepOf(etaHat(w), keepScale);
      }

      @Override
      public Estimate dual(double eta) {
        return Estimate.divergent(reason);
      }
    };
  }
}
