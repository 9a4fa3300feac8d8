package spd.compiler.numeric;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * High-precision values of Dawson's function for the tests, computed independently of {@link Dawson}: the
 * Maclaurin series in BigDecimal arithmetic with enough digits to absorb its cancellation, and for large x the
 * asymptotic series summed to its smallest term (error about exp(-x²)).
 */
final class DawsonReference {
    private DawsonReference() {}

    static double value(double x) {
        if (x < 0) {
            return -value(-x);
        }
        return x <= 12 ? series(x) : asymptotic(x);
    }

    /** Σ (-2x²)^k x / (2k+1)!!, whose largest term is about exp(x²): carry that many digits more. */
    private static double series(double x) {
        int digits = 40 + (int) Math.ceil(x * x / Math.log(10));
        MathContext context = new MathContext(digits);
        BigDecimal exact = new BigDecimal(x);
        BigDecimal minusTwoXSquared = exact.multiply(exact).multiply(BigDecimal.valueOf(-2));
        BigDecimal term = exact;
        BigDecimal sum = exact;
        BigDecimal threshold = BigDecimal.ONE.movePointLeft(digits - 5);
        for (int k = 0; term.abs().compareTo(threshold) > 0 || k < 2 * x * x; k++) {
            term = term.multiply(minusTwoXSquared, context).divide(BigDecimal.valueOf(2L * k + 3), context);
            sum = sum.add(term, context);
        }
        return sum.doubleValue();
    }

    /** (1/2x) Σ (2k-1)!!/(2x²)^k up to the smallest term. */
    private static double asymptotic(double x) {
        MathContext context = new MathContext(60);
        BigDecimal twoXSquared = new BigDecimal(x).multiply(new BigDecimal(x)).multiply(BigDecimal.valueOf(2));
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; ; k++) {
            BigDecimal next = term.multiply(BigDecimal.valueOf(2L * k - 1)).divide(twoXSquared, context);
            if (next.compareTo(term) >= 0 || next.compareTo(BigDecimal.ONE.movePointLeft(40)) < 0) {
                break;
            }
            term = next;
            sum = sum.add(term, context);
        }
        return sum.divide(new BigDecimal(2 * x), context).doubleValue();
    }
}
