package spd.compiler.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import spd.compiler.sym.Rational;

/**
 * Recovers the simple fraction a double came from: settings are read as doubles, so {@code beta 2/3} arrives
 * as 0.666...; reports and generated code show it as 2/3 again.
 */
public final class Fractions {
    private static final long MAX_DENOMINATOR = 1_000_000;

    private Fractions() {}

    /** The fraction with the smallest denominator (at most 10^6) whose double is {@code value}, if any. */
    public static Optional<Rational> simplest(double value) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        double x = Math.abs(value);
        long p0 = 0;
        long q0 = 1;
        long p1 = 1;
        long q1 = 0;
        double rest = x;
        for (int i = 0; i < 64; i++) {
            long a = (long) Math.floor(rest);
            long p2 = a * p1 + p0;
            long q2 = a * q1 + q0;
            if (q2 > MAX_DENOMINATOR || p2 < 0) {
                return Optional.empty();
            }
            if ((double) p2 / q2 == x) {
                return Optional.of(Rational.of(value < 0 ? -p2 : p2, q2));
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            double fraction = rest - a;
            if (fraction == 0) {
                return Optional.empty();
            }
            rest = 1 / fraction;
        }
        return Optional.empty();
    }

    /** The simplest fraction of {@code value}, else its exact binary value. */
    public static Rational exact(double value) {
        return simplest(value).orElseGet(() -> Rational.parseDecimal(new BigDecimal(value).toString()));
    }

    /** Whether a fraction is worth writing as p/q: its decimal expansion does not terminate. */
    public static boolean isRepeating(Rational r) {
        BigInteger q = r.denominator();
        while (q.mod(BigInteger.TWO).signum() == 0) {
            q = q.shiftRight(1);
        }
        while (q.mod(BigInteger.valueOf(5)).signum() == 0) {
            q = q.divide(BigInteger.valueOf(5));
        }
        return !q.equals(BigInteger.ONE);
    }
}
