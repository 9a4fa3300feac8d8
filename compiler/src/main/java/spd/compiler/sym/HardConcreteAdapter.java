package spd.compiler.sym;

/** Hard-concrete gate moments for the {@code hard_concrete_dual} builtin, from the numeric library. */
final class HardConcreteAdapter {
  private HardConcreteAdapter() {}

  static double dual(double eta, double beta, double gamma, double zeta) {
    throw new UnsupportedOperationException(
        "hard_concrete_dual needs the hard-concrete gate moments of spd.compiler.numeric, not merged yet");
  }
}
