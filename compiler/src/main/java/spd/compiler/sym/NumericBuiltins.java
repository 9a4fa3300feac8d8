package spd.compiler.sym;

import spd.compiler.numeric.Dawson;
import spd.compiler.numeric.Dual;
import spd.compiler.numeric.Tolerance;
import spd.compiler.numeric.VariationalDropout;

/** Evaluation of the builtins that need the numeric library (Dawson's function and the numeric duals). */
final class NumericBuiltins {
  private static final Dual EXACT_VD_DUAL = VariationalDropout.exactDual(Tolerance.relative(1e-12));

  private NumericBuiltins() {}

  static double dawson(double x) {
    return Dawson.value(x);
  }

  /** The exact variational-dropout dual at lambda = s = 1, f(0) = 0; NaN for negative eta. */
  static double variationalDropoutDual(double eta) {
    if (eta < 0 || Double.isNaN(eta)) {
      return Double.NaN;
    }
    return eta == 0 ? 0 : EXACT_VD_DUAL.value(eta).value();
  }

  static double hardConcreteDual(double eta, double beta, double gamma, double zeta) {
    return HardConcreteAdapter.dual(eta, beta, gamma, zeta);
  }
}
