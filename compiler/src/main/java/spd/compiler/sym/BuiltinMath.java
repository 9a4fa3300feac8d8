package spd.compiler.sym;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import spd.compiler.numeric.Dawson;

/** Double-precision evaluation of the builtin functions. */
final class BuiltinMath {
    private BuiltinMath() {}

    static double apply(Builtin f, double[] args) {
        if (args.length != f.arity()) {
            throw new IllegalArgumentException(
                    f.spdName() + " takes " + f.arity() + " argument(s), got " + args.length);
        }
        double x = args[0];
        return switch (f) {
            case LOG -> Math.log(x);
            case EXP -> Math.exp(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case SOFTPLUS -> softplus(x);
            case ATAN -> Math.atan(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case ERF -> Erf.value(x);
            case ERFC -> Erfc.value(x);
            case DAWSON -> Dawson.value(x);
            case MIN -> Math.min(x, args[1]);
            case MAX -> Math.max(x, args[1]);
        };
    }

    /** The logistic function, computed without overflow for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + exp(x)) without overflow for large x and without cancellation for very negative x. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
