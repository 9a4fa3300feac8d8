package spd.compiler.sym;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import spd.compiler.numeric.HardConcrete;
import spd.compiler.numeric.Tolerance;

/** Hard-concrete gate moments for the {@code hard_concrete_dual} builtin, from the numeric library (lambda = 1). */
final class HardConcreteAdapter {
  private static final Map<String, HardConcrete> GATES = new ConcurrentHashMap<>();

  private HardConcreteAdapter() {}

  static double dual(double eta, double beta, double gamma, double zeta) {
    if (!(beta > 0 && gamma < 0 && zeta > 1) || !(eta >= 0)) {
      return Double.NaN;
    }
    HardConcrete gates = GATES.computeIfAbsent(beta + "," + gamma + "," + zeta,
        key -> new HardConcrete(beta, gamma, zeta, 1, Tolerance.relative(1e-12)));
    return eta == 0 ? 0 : gates.dual(eta).value();
  }
}
