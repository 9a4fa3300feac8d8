package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static spd.compiler.sym.Expr.add;
import static spd.compiler.sym.Expr.div;
import static spd.compiler.sym.Expr.mul;
import static spd.compiler.sym.Expr.number;
import static spd.compiler.sym.Expr.sub;
import static spd.compiler.sym.Expr.symbol;

import org.junit.jupiter.api.Test;

class CancelTest {
    private final Expr eta = symbol("eta");
    private final Expr lambda = symbol("lambda");
    private final Expr t = symbol("t");
    private final Expr eps = symbol("eps");

    @Test
    void varianceOfTheLogSumKeepIsLambdaOverEta() {
        Expr keep = div(eta, add(eta, lambda));
        assertEquals(div(lambda, eta), Cancel.deep(div(sub(Expr.ONE, keep), keep)));
    }

    @Test
    void integrandOfTheLogSumRuleLosesItsCommonFactor() {
        Expr integrand = div(t, mul(t, add(t, eps)));
        assertEquals(Expr.pow(add(t, eps), Expr.MINUS_ONE), Cancel.deep(integrand));
    }

    @Test
    void multivariateGcd() {
        // (x^2 - y^2)/(x + y) = x - y
        Expr x = symbol("x");
        Expr y = symbol("y");
        Expr quotient = div(sub(Expr.pow(x, number(2)), Expr.pow(y, number(2))), add(x, y));
        assertEquals(sub(x, y), Cancel.deep(quotient));
        // (a*l*t/(a*l - t)) inverted: t/eta = (a*l - t)/(a*l)
        Expr a = symbol("a");
        Expr al = mul(a, lambda);
        Expr mcpEta = div(mul(al, t), sub(al, t));
        Expr integrand = Cancel.deep(div(t, mcpEta));
        assertEquals(div(sub(al, t), al), integrand);
    }

    @Test
    void cancelsInsideFunctionArguments() {
        Expr keep = div(eta, add(eta, lambda));
        Expr inner = div(sub(Expr.ONE, keep), keep);
        assertEquals(Expr.log(div(lambda, eta)), Cancel.deep(Expr.log(inner)));
    }

    @Test
    void exponentialsAreKernels() {
        // sigmoid(w)/(1 - sigmoid(w)) = exp(w) once sigmoid is written through exp
        Expr w = symbol("w");
        Expr s = Simplifier.simplify(
                        Expr.call(Builtin.SIGMOID, w), Assumptions.none(), java.util.List.of(Rewrites.SIGMOID_AS_EXP))
                .expr();
        assertEquals(Expr.exp(w), Cancel.deep(div(s, sub(Expr.ONE, s))));
    }
}
