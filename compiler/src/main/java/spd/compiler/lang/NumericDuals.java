package spd.compiler.lang;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import spd.compiler.numeric.Dual;
import spd.compiler.numeric.HardConcrete;
import spd.compiler.numeric.Tolerance;
import spd.compiler.numeric.VariationalDropout;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.SuppliedFunction;

/**
 * The numeric duals the standard library's rules call, supplied to the symbolic core as opaque functions with their
 * numerics (the core knows neither variational dropout nor hard-concrete gates): {@code vd_dual(eta)} and {@code
 * hard_concrete_dual(eta, beta, gamma, zeta)}, both at lambda = 1 with f(0) = 0.
 */
final class NumericDuals {
    private NumericDuals() {}

    /** The exact variational-dropout dual f(eta) = 2 E[log|xi + sqrt(eta)| - log|xi|], xi ~ N(0, 1); f(0) = 0. */
    static final SuppliedFunction VARIATIONAL_DROPOUT = new VariationalDropoutDual();

    /** The hard-concrete dual f(eta) = P(z != 0) at the gate parameter a whose normalised mask variance is 1/eta. */
    static final SuppliedFunction HARD_CONCRETE = new HardConcreteDual();

    /** {@code vd_dual}: evaluated by the numeric library's exact-KL dual; f'(eta) = D(sqrt(eta/2))/sqrt(eta/2). */
    private static final class VariationalDropoutDual implements SuppliedFunction {
        private static final Dual EXACT = VariationalDropout.exactDual(Tolerance.relative(1e-12));

        @Override
        public String spdName() {
            return "vd_dual";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public String description() {
            return "exact variational-dropout dual f(eta), with f'(eta) = dawson(sqrt(eta/2))/sqrt(eta/2)";
        }

        /** NaN for negative eta. */
        @Override
        public double apply(double... args) {
            double eta = args[0];
            if (eta < 0 || Double.isNaN(eta)) {
                return Double.NaN;
            }
            return eta == 0 ? 0 : EXACT.value(eta).value();
        }

        /** f is nondecreasing with f(0) = 0. */
        @Override
        public Interval range() {
            return new Interval(0, Double.POSITIVE_INFINITY);
        }

        @Override
        public Optional<Expr> derivative(List<Expr> args) {
            Expr s = Expr.sqrt(Expr.mul(Expr.HALF, args.get(0)));
            return Optional.of(Expr.div(Expr.call(Builtin.DAWSON, s), s));
        }

        @Override
        public Optional<Expr> exactValue(List<Expr> args) {
            return args.get(0).equals(Expr.ZERO) ? Optional.of(Expr.ZERO) : Optional.empty();
        }
    }

    /** {@code hard_concrete_dual}: gate moments from the numeric library, one set of gates per parameter triple. */
    private static final class HardConcreteDual implements SuppliedFunction {
        private static final Map<String, HardConcrete> GATES = new ConcurrentHashMap<>();

        @Override
        public String spdName() {
            return "hard_concrete_dual";
        }

        @Override
        public int arity() {
            return 4;
        }

        @Override
        public String description() {
            return "hard-concrete gate dual f(eta; beta, gamma, zeta)";
        }

        /** NaN outside beta > 0, gamma < 0, zeta > 1, eta >= 0. */
        @Override
        public double apply(double... args) {
            double eta = args[0];
            double beta = args[1];
            double gamma = args[2];
            double zeta = args[3];
            if (!(beta > 0 && gamma < 0 && zeta > 1) || !(eta >= 0)) {
                return Double.NaN;
            }
            HardConcrete gates = GATES.computeIfAbsent(
                    beta + "," + gamma + "," + zeta,
                    key -> new HardConcrete(beta, gamma, zeta, 1, Tolerance.relative(1e-12)));
            return eta == 0 ? 0 : gates.dual(eta).value();
        }

        /** A probability. */
        @Override
        public Interval range() {
            return Interval.UNIT;
        }

        /** Known only numerically. */
        @Override
        public Optional<Expr> derivative(List<Expr> args) {
            return Optional.empty();
        }
    }
}
