package spd.compiler.sym;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The elementary functions the symbolic core knows by their rules (derivatives, intervals, asymptotics, printing),
 * with their spd names and arities. The language's function table adds the {@link SuppliedFunction}s it supplies.
 */
public enum Builtin implements MathFunction {
    LOG("log", 1, "natural logarithm"),
    EXP("exp", 1, "exponential"),
    SQRT("sqrt", 1, "square root"),
    ABS("abs", 1, "absolute value, also written |x|"),
    SIGN("sign", 1, "sign: -1, 0 or 1"),
    SIGMOID("sigmoid", 1, "logistic function 1/(1 + exp(-x))"),
    TANH("tanh", 1, "hyperbolic tangent"),
    SINH("sinh", 1, "hyperbolic sine"),
    COSH("cosh", 1, "hyperbolic cosine"),
    SOFTPLUS("softplus", 1, "log(1 + exp(x))"),
    ATAN("atan", 1, "arc tangent"),
    SIN("sin", 1, "sine (radians)"),
    COS("cos", 1, "cosine (radians)"),
    TAN("tan", 1, "tangent (radians)"),
    LOG1P("log1p", 1, "log(1 + x), accurate for small x"),
    EXPM1("expm1", 1, "exp(x) - 1, accurate for small x"),
    ERF("erf", 1, "error function"),
    ERFC("erfc", 1, "complementary error function 1 - erf(x), accurate for large x"),
    DAWSON("dawson", 1, "Dawson's function D(x) = exp(-x^2) * integral_0^x exp(t^2) dt"),
    MIN("min", 2, "smaller of two values"),
    MAX("max", 2, "larger of two values");

    private static final Map<String, Builtin> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Builtin::spdName, Function.identity()));

    private final String spdName;
    private final int arity;
    private final String description;

    Builtin(String spdName, int arity, String description) {
        this.spdName = spdName;
        this.arity = arity;
        this.description = description;
    }

    @Override
    public String spdName() {
        return spdName;
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public String description() {
        return description;
    }

    public static Optional<Builtin> byName(String spdName) {
        return Optional.ofNullable(BY_NAME.get(spdName));
    }

    @Override
    public double apply(double... args) {
        return BuiltinMath.apply(this, args);
    }
}
