package spd.compiler.sym;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact rational number p/q in lowest terms with q &gt; 0; the numbers of {@link Expr} are these.
 *
 * <p>The canonical constructor normalises, so that structural equality is numeric equality.
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
    public static final Rational MINUS_ONE = new Rational(BigInteger.ONE.negate(), BigInteger.ONE);
    public static final Rational HALF = new Rational(BigInteger.ONE, BigInteger.TWO);

    public Rational {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("rational with zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        if (!denominator.equals(BigInteger.ONE)) {
            BigInteger gcd = numerator.gcd(denominator);
            if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
                numerator = numerator.divide(gcd);
                denominator = denominator.divide(gcd);
            }
        }
        if (numerator.signum() == 0) {
            denominator = BigInteger.ONE;
        }
    }

    public static Rational of(long p, long q) {
        return new Rational(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    public static Rational of(long n) {
        return of(n, 1);
    }

    public static Rational of(BigInteger n) {
        return new Rational(n, BigInteger.ONE);
    }

    /**
     * Parses a decimal literal as written in a {@code .spd} file ("2", "0.1307", "1e-3", ".5", "-2.5E+3") into the exact
     * rational it denotes: "0.1307" is 1307/10000 and "1e-3" is 1/1000.
     *
     * @throws NumberFormatException when the text is not a decimal literal
     */
    public static Rational parseDecimal(String text) {
        BigDecimal decimal = new BigDecimal(text.trim());
        BigInteger unscaled = decimal.unscaledValue();
        int scale = decimal.scale();
        return scale >= 0
                ? new Rational(unscaled, BigInteger.TEN.pow(scale))
                : new Rational(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    public boolean isOne() {
        return numerator.equals(BigInteger.ONE) && denominator.equals(BigInteger.ONE);
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** Whether this is an even integer (0, ±2, ±4, ...). */
    public boolean isEvenInteger() {
        return isInteger() && !numerator.testBit(0);
    }

    public int signum() {
        return numerator.signum();
    }

    public Rational add(Rational other) {
        if (denominator.equals(other.denominator)) {
            return new Rational(numerator.add(other.numerator), denominator);
        }
        return new Rational(
                numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    public Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational divide(Rational other) {
        if (other.isZero()) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    public Rational reciprocal() {
        return ONE.divide(this);
    }

    /** This number raised to an integer power (negative powers take the reciprocal). */
    public Rational pow(int exponent) {
        if (exponent < 0) {
            return reciprocal().pow(-exponent);
        }
        return new Rational(numerator.pow(exponent), denominator.pow(exponent));
    }

    /** The largest integer not above this number. */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** The exact k-th root when numerator and denominator are both perfect k-th powers, else null. */
    Rational exactRoot(int k) {
        if (signum() < 0) {
            return null;
        }
        BigInteger p = integerRoot(numerator, k);
        BigInteger q = integerRoot(denominator, k);
        return p == null || q == null ? null : new Rational(p, q);
    }

    private static BigInteger integerRoot(BigInteger n, int k) {
        if (n.signum() == 0 || n.equals(BigInteger.ONE)) {
            return n;
        }
        if (n.bitLength() > 4000) {
            return null;
        }
        // Newton's method on integers; the candidate is then verified exactly.
        BigInteger x = BigInteger.ONE.shiftLeft(n.bitLength() / k + 1);
        BigInteger kBig = BigInteger.valueOf(k);
        while (true) {
            BigInteger next = x.multiply(kBig.subtract(BigInteger.ONE))
                    .add(n.divide(x.pow(k - 1)))
                    .divide(kBig);
            if (next.compareTo(x) >= 0) {
                break;
            }
            x = next;
        }
        return x.pow(k).equals(n) ? x : null;
    }

    public double toDouble() {
        if (numerator.bitLength() < 53 && denominator.bitLength() < 53) {
            return numerator.doubleValue() / denominator.doubleValue();
        }
        return new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    /** The int value of an integer that fits; used for exponents. */
    public int intValueExact() {
        if (!isInteger()) {
            throw new ArithmeticException(this + " is not an integer");
        }
        return numerator.intValueExact();
    }

    @Override
    public int compareTo(Rational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /**
     * The shortest exact decimal when the denominator has only the factors 2 and 5 (1/1000 is "0.001", 1307/10000 is
     * "0.1307"), else "p/q".
     */
    public String toDecimalString() {
        if (isInteger()) {
            return numerator.toString();
        }
        BigInteger d = denominator;
        int twos = d.getLowestSetBit();
        d = d.shiftRight(twos);
        int fives = 0;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
            fives++;
        }
        if (!d.equals(BigInteger.ONE) || Math.max(twos, fives) > 12) {
            return toString();
        }
        BigDecimal exact = new BigDecimal(numerator).divide(new BigDecimal(denominator));
        String plain = exact.stripTrailingZeros().toPlainString();
        String scientific = exact.stripTrailingZeros().toString();
        return scientific.length() < plain.length()
                ? scientific.replace("E", "e").replace("e+", "e")
                : plain;
    }

    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
