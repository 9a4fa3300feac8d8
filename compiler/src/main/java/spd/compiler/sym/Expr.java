package spd.compiler.sym;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable symbolic expression in canonical form, with structural {@code equals} and {@code hashCode}.
 *
 * <p>Build expressions only through the static factories below: they simplify as they construct (numbers fold, like
 * terms and like factors collect, sums and products flatten and sort), so two equal expressions built in different
 * ways are equal objects. The record constructors of the node types do not canonicalise and are meant for the engine
 * itself. All symbols denote real numbers; fractional powers are taken of nonnegative bases; {@code 1/0} is
 * {@link #infinity()}, which is how a keep probability of 1 (eta = inf) is written.
 */
public sealed interface Expr permits Num, Sym, Infinity, NamedConstant, Sum, Product, Pow, Abs, Call, Piecewise {

    Expr ZERO = new Num(Rational.ZERO);
    Expr ONE = new Num(Rational.ONE);
    Expr MINUS_ONE = new Num(Rational.MINUS_ONE);
    Expr TWO = new Num(Rational.of(2));
    Expr HALF = new Num(Rational.HALF);

    static Expr number(Rational r) {
        return new Num(r);
    }

    static Expr number(long n) {
        return new Num(Rational.of(n));
    }

    static Expr symbol(String name) {
        return new Sym(name);
    }

    static Expr infinity() {
        return Infinity.INSTANCE;
    }

    static Expr pi() {
        return NamedConstant.PI_CONSTANT;
    }

    static Expr add(Expr a, Expr b) {
        return Canon.add(List.of(a, b));
    }

    /** The sum of any number of terms (0 for none). */
    static Expr sum(List<Expr> terms) {
        return Canon.add(terms);
    }

    static Expr sub(Expr a, Expr b) {
        return Canon.add(List.of(a, neg(b)));
    }

    static Expr mul(Expr a, Expr b) {
        return Canon.mul(List.of(a, b));
    }

    /** The product of any number of factors (1 for none). */
    static Expr product(List<Expr> factors) {
        return Canon.mul(factors);
    }

    static Expr div(Expr a, Expr b) {
        return Canon.mul(List.of(a, Canon.pow(b, MINUS_ONE)));
    }

    static Expr neg(Expr a) {
        return Canon.mul(List.of(MINUS_ONE, a));
    }

    static Expr pow(Expr base, Expr exponent) {
        return Canon.pow(base, exponent);
    }

    static Expr sqrt(Expr a) {
        return Canon.pow(a, HALF);
    }

    static Expr abs(Expr a) {
        return Canon.abs(a);
    }

    /**
     * A call of a builtin function.
     *
     * @throws IllegalArgumentException when the number of arguments is not the function's arity
     */
    static Expr call(MathFunction f, List<Expr> args) {
        return Canon.call(f, args);
    }

    static Expr call(MathFunction f, Expr arg) {
        return Canon.call(f, List.of(arg));
    }

    static Expr log(Expr a) {
        return call(Builtin.LOG, a);
    }

    static Expr exp(Expr a) {
        return call(Builtin.EXP, a);
    }

    /** A piecewise expression: the value of the first piece whose condition holds, else {@code otherwise}. */
    static Expr piecewise(List<Piece> pieces, Expr otherwise) {
        return Canon.piecewise(pieces, otherwise);
    }

    /** This expression with the given symbols replaced, re-canonicalised. */
    default Expr substitute(Map<String, Expr> bindings) {
        return Substitution.apply(this, bindings);
    }

    /**
     * This expression's value in double precision.
     *
     * @throws IllegalArgumentException when a free symbol has no value in {@code values}
     */
    default double evaluate(Map<String, Double> values) {
        return Evaluation.evaluate(this, values);
    }

    /** The names of the symbols this expression depends on, sorted. */
    default Set<String> freeSymbols() {
        Set<String> names = new TreeSet<>();
        Traversal.collectSymbols(this, names);
        return names;
    }

    /** Whether this expression depends on the symbol {@code name}. */
    default boolean dependsOn(String name) {
        return Traversal.dependsOn(this, name);
    }

    /**
     * The derivative with respect to {@code symbol}. The derivative of |x| is sign(x) x', so that the gradient of a
     * penalty is 0 at 0 (a subgradient).
     *
     * @throws NotDifferentiableException for functions known only numerically
     */
    default Expr derivative(String symbol) {
        return Differentiation.derivative(this, symbol);
    }

    /** Whether this is the number {@code value}. */
    default boolean isNumber(long value) {
        return this instanceof Num n && n.value().equals(Rational.of(value));
    }

    /** Plain-text form, e.g. {@code log(1 + |w|/eps)}. */
    default String toText() {
        return TextPrinter.print(this);
    }
}
