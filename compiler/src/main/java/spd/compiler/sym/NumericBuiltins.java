package spd.compiler.sym;

/** Evaluation of the builtins that need the numeric library (Dawson's function and the numeric duals). */
final class NumericBuiltins {
  private NumericBuiltins() {}

  static double dawson(double x) {
    throw new UnsupportedOperationException("dawson: waiting for spd.compiler.numeric (branch numeric)");
  }

  static double variationalDropoutDual(double eta) {
    throw new UnsupportedOperationException("vd_dual: waiting for spd.compiler.numeric (branch numeric)");
  }

  static double hardConcreteDual(double eta, double beta, double gamma, double zeta) {
    throw new UnsupportedOperationException("hard_concrete_dual: waiting for spd.compiler.numeric (branch numeric)");
  }
}
