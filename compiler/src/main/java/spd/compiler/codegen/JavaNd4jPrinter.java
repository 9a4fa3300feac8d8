package spd.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spd.compiler.sym.Abs;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.Call;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Display;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Infinity;
import spd.compiler.sym.NamedConstant;
import spd.compiler.sym.Num;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Piecewise;
import spd.compiler.sym.Pow;
import spd.compiler.sym.Product;
import spd.compiler.sym.Rational;
import spd.compiler.sym.Relation;
import spd.compiler.sym.Structure;
import spd.compiler.sym.Sum;
import spd.compiler.sym.Sym;

/**
 * Prints an expression as ND4J element-wise code over weight arrays: statements ending in a {@code return} of a new
 * {@code INDArray}. Array subexpressions used twice become named locals ({@code absW}); each result array is allocated
 * once and then updated in place ({@code addi}, {@code muli}, {@code rdivi}, ...); the input arrays are never modified;
 * constants are printed as the names the caller maps them to. No per-element Java loops.
 */
public final class JavaNd4jPrinter {
    private static final ClassName TRANSFORMS = ClassName.get("org.nd4j.linalg.ops.transforms", "Transforms");
    private static final ClassName INDARRAY = ClassName.get("org.nd4j.linalg.api.ndarray", "INDArray");
    private static final ClassName ND4J = ClassName.get("org.nd4j.linalg.factory", "Nd4j");
    private static final ClassName SELECT = ClassName.get("org.nd4j.linalg.api.ops.impl.controlflow", "Select");

    private final Map<String, String> arrays;
    private final Map<String, String> scalars;
    private final Map<Expr, String> locals = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final CodeBlock.Builder statements = CodeBlock.builder();

    private JavaNd4jPrinter(Map<String, String> arrays, Map<String, String> scalars) {
        this.arrays = arrays;
        this.scalars = scalars;
        usedNames.addAll(arrays.values());
        usedNames.addAll(scalars.values());
    }

    /**
     * Statements that compute {@code e} element-wise and return it as a new array.
     *
     * @param arrays symbols that are arrays, mapped to the Java names of INDArray variables in scope ({@code w -> "w"},
     *     {@code eta -> "eta"}); at least one must occur in {@code e}
     * @param scalars symbols that are scalars, mapped to Java double expressions ({@code lambda -> "LAMBDA"})
     * @throws IllegalArgumentException for a symbol in neither map and for functions that ND4J does not provide
     *     element-wise (erf, dawson, the numeric duals); an expression free of arrays fills an array shaped like them
     */
    public static CodeBlock elementwise(Expr e, Map<String, String> arrays, Map<String, String> scalars) {
        for (String symbol : e.freeSymbols()) {
            if (!arrays.containsKey(symbol) && !scalars.containsKey(symbol)) {
                throw new IllegalArgumentException("no Java name for symbol '" + symbol + "'");
            }
        }
        JavaNd4jPrinter printer = new JavaNd4jPrinter(arrays, scalars);
        if (!printer.isArray(e)) {
            // A constant rule (f(eta) = eta has f'(eta) = 1): that value in an array shaped like the arguments.
            String shape = arrays.values().stream()
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no array to shape the constant " + e.toText()));
            return CodeBlock.builder()
                    .addStatement("return $L.ulike().assign($L)", shape, printer.scalar(e))
                    .build();
        }
        printer.hoistSharedSubexpressions(e);
        Code result = printer.array(e);
        CodeBlock value = result.fresh() ? result.code() : CodeBlock.of("$L.dup()", result.code());
        return printer.statements.addStatement("return $L", value).build();
    }

    /** A Java expression of array type, and whether it is a new array this code owns (and may update in place). */
    private record Code(CodeBlock code, boolean fresh) {}

    // ------------------------------------------------------------------ common subexpressions

    private void hoistSharedSubexpressions(Expr root) {
        Map<Expr, Integer> counts = new LinkedHashMap<>();
        count(root, counts);
        List<Expr> shared = new ArrayList<>();
        counts.forEach((sub, n) -> {
            if (n >= 2 && !(sub instanceof Sym)) {
                shared.add(sub);
            }
        });
        // Inner subexpressions first, so that outer ones can use their locals.
        shared.sort((a, b) -> Integer.compare(size(a), size(b)));
        for (Expr sub : shared) {
            String name = freshName(nameOf(sub));
            Code code = array(sub);
            CodeBlock value = code.fresh() ? code.code() : CodeBlock.of("$L.dup()", code.code());
            statements.addStatement("$T $L = $L", INDARRAY, name, value);
            locals.put(sub, name);
        }
    }

    private void count(Expr e, Map<Expr, Integer> counts) {
        if (!isArray(e)) {
            return;
        }
        counts.merge(e, 1, Integer::sum);
        if (counts.get(e) == 1) {
            children(e).forEach(child -> count(child, counts));
        }
    }

    private static List<Expr> children(Expr e) {
        List<Expr> result = new ArrayList<>();
        Structure.mapChildren(e, child -> {
            result.add(child);
            return child;
        });
        return result;
    }

    private static int size(Expr e) {
        return 1 + children(e).stream().mapToInt(JavaNd4jPrinter::size).sum();
    }

    private String freshName(String base) {
        String name = base;
        for (int i = 2; usedNames.contains(name); i++) {
            name = base + i;
        }
        usedNames.add(name);
        return name;
    }

    private String nameOf(Expr e) {
        return switch (e) {
            case Sym s -> arrays.getOrDefault(s.name(), s.name());
            case Abs a -> "abs" + capitalized(nameOf(a.argument()));
            case Call c -> c.function().spdName() + capitalized(nameOf(c.args().get(0)));
            case Pow p when p.exponent().equals(Expr.HALF) -> "sqrt" + capitalized(nameOf(p.base()));
            case Pow p when p.exponent().equals(Expr.TWO) -> nameOf(p.base()) + "Squared";
            case Product p when p.coefficient().signum() < 0 -> "neg" + capitalized(nameOf(Expr.neg(p)));
            default -> "term";
        };
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------ arrays

    private boolean isArray(Expr e) {
        for (String symbol : e.freeSymbols()) {
            if (arrays.containsKey(symbol)) {
                return true;
            }
        }
        return false;
    }

    private Code array(Expr e) {
        String local = locals.get(e);
        if (local != null) {
            return new Code(CodeBlock.of("$L", local), false);
        }
        return switch (e) {
            case Sym s -> new Code(CodeBlock.of("$L", arrays.get(s.name())), false);
            case Sum s -> sum(s);
            case Product p -> product(p);
            case Pow p -> power(p);
            case Abs a -> transform("abs", a.argument());
            case Call c -> call(c);
            case Piecewise p -> piecewise(p);
            case Num n -> throw new IllegalStateException("a number is not an array");
            case NamedConstant c -> throw new IllegalStateException("a constant is not an array");
            case Infinity i -> throw new IllegalStateException("infinity is not an array");
        };
    }

    /** acc.op(operand), in place when acc is already a new array. */
    private static Code apply(Code acc, String op, CodeBlock operand) {
        String method = acc.fresh() ? op + "i" : op;
        // $Z: a long chain of operations breaks before a call rather than running past the line width.
        return new Code(CodeBlock.of("$L$Z.$L($L)", acc.code(), method, operand), true);
    }

    /**
     * acc.op(operand) for an array operand: when only the operand is a new array, the reversed in-place operation on it
     * (operand.rdivi(acc) for acc.div(operand)) avoids a second allocation.
     */
    private static Code apply(Code acc, String op, Code operand) {
        if (!acc.fresh() && operand.fresh()) {
            String reversed = switch (op) {
                case "add", "mul" -> op + "i";
                case "sub" -> "rsubi";
                case "div" -> "rdivi";
                default -> throw new IllegalArgumentException(op);
            };
            return new Code(CodeBlock.of("$L$Z.$L($L)", operand.code(), reversed, acc.code()), true);
        }
        return apply(acc, op, operand.code());
    }

    private Code sum(Sum s) {
        List<Expr> positive = new ArrayList<>();
        List<Expr> negative = new ArrayList<>();
        List<Expr> scalarTerms = new ArrayList<>();
        for (Expr term : s.terms()) {
            if (!isArray(term)) {
                scalarTerms.add(term);
            } else if (Display.isNegative(term)) {
                negative.add(Expr.neg(term));
            } else {
                positive.add(term);
            }
        }
        Expr scalar = Expr.sum(scalarTerms);
        if (positive.isEmpty()) {
            // scalar - (n1 + n2 + ...)
            Code acc = array(negative.get(0));
            for (Expr n : negative.subList(1, negative.size())) {
                acc = apply(acc, "add", array(n));
            }
            return scalar.equals(Expr.ZERO) ? apply(acc, "neg", CodeBlock.of("")) : apply(acc, "rsub", scalar(scalar));
        }
        Code acc = array(positive.get(0));
        for (Expr p : positive.subList(1, positive.size())) {
            acc = apply(acc, "add", array(p));
        }
        for (Expr n : negative) {
            acc = apply(acc, "sub", array(n));
        }
        if (!scalar.equals(Expr.ZERO)) {
            acc = Display.isNegative(scalar)
                    ? apply(acc, "sub", scalar(Expr.neg(scalar)))
                    : apply(acc, "add", scalar(scalar));
        }
        return acc;
    }

    private Code product(Product p) {
        List<Expr> numerators = new ArrayList<>();
        List<Expr> denominators = new ArrayList<>();
        List<Expr> scalarFactors = new ArrayList<>();
        for (Expr factor : p.factors()) {
            if (!isArray(factor)) {
                scalarFactors.add(factor);
            } else if (factor instanceof Pow pow && Display.isNegativeExponent(pow.exponent())) {
                denominators.add(Expr.pow(pow.base(), Expr.neg(pow.exponent())));
            } else {
                numerators.add(factor);
            }
        }
        Display.Fraction scalarPart = Display.fraction(Expr.product(scalarFactors));
        Expr scalarNumerator = Expr.product(scalarPart.numerator());
        if (scalarPart.negative()) {
            scalarNumerator = Expr.neg(scalarNumerator);
        }
        Expr scalarDenominator = Expr.product(scalarPart.denominator());
        if (numerators.isEmpty()) {
            // c / (d1 * d2 * ...)
            Code acc = array(denominators.get(0));
            for (Expr d : denominators.subList(1, denominators.size())) {
                acc = apply(acc, "mul", array(d));
            }
            return apply(acc, "rdiv", scalar(Expr.div(scalarNumerator, scalarDenominator)));
        }
        Code acc = array(numerators.get(0));
        for (Expr n : numerators.subList(1, numerators.size())) {
            acc = apply(acc, "mul", array(n));
        }
        for (Expr d : denominators) {
            acc = apply(acc, "div", array(d));
        }
        if (!scalarNumerator.equals(Expr.ONE)) {
            acc = apply(acc, "mul", scalar(scalarNumerator));
        }
        if (!scalarDenominator.equals(Expr.ONE)) {
            acc = apply(acc, "div", scalar(scalarDenominator));
        }
        return acc;
    }

    private Code power(Pow p) {
        Expr exponent = p.exponent();
        if (isArray(exponent)) {
            // b^x = exp(x log b)
            return array(Expr.exp(Expr.mul(exponent, Expr.log(p.base()))));
        }
        if (exponent.equals(Expr.HALF)) {
            return transform("sqrt", p.base());
        }
        if (exponent.equals(Expr.MINUS_ONE)) {
            return apply(array(p.base()), "rdiv", CodeBlock.of("1.0"));
        }
        if (Display.isNegativeExponent(exponent)) {
            return apply(power(new Pow(p.base(), Expr.neg(exponent))), "rdiv", CodeBlock.of("1.0"));
        }
        if (exponent.equals(Expr.TWO)) {
            return square(p.base());
        }
        Code base = array(p.base());
        return new Code(
                CodeBlock.of("$T.pow($L, $L, $L)", TRANSFORMS, base.code(), scalar(exponent), !base.fresh()), true);
    }

    /** x^2 as x*x: ND4J's pow op costs several times a multiplication. A computed base becomes a local. */
    private Code square(Expr base) {
        Code code = array(base);
        if (!code.fresh()) {
            return new Code(CodeBlock.of("$L.mul($L)", code.code(), code.code()), true);
        }
        String name = freshName(nameOf(base));
        statements.addStatement("$T $L = $L", INDARRAY, name, code.code());
        return new Code(CodeBlock.of("$L.muli($L)", name, name), true);
    }

    private Code transform(String method, Expr argument) {
        Code arg = array(argument);
        return new Code(CodeBlock.of("$T.$L($L, $L)", TRANSFORMS, method, arg.code(), !arg.fresh()), true);
    }

    private Code call(Call c) {
        if (!(c.function() instanceof Builtin f)) {
            throw noNd4jForm(c);
        }
        return switch (f) {
            case LOG -> transform("log", c.arg());
            case EXP -> transform("exp", c.arg());
            case SQRT -> transform("sqrt", c.arg());
            case ABS -> transform("abs", c.arg());
            case SIGN -> transform("sign", c.arg());
            case SIGMOID -> transform("sigmoid", c.arg());
            case TANH -> transform("tanh", c.arg());
            case SINH -> transform("sinh", c.arg());
            case COSH -> transform("cosh", c.arg());
            case SOFTPLUS -> transform("softPlus", c.arg());
            case ATAN -> transform("atan", c.arg());
            case SIN -> transform("sin", c.arg());
            case COS -> transform("cos", c.arg());
            case TAN -> transform("tan", c.arg());
            case LOG1P -> transform("log1p", c.arg());
            case EXPM1 -> transform("expm1", c.arg());
            case MIN, MAX -> minMax(c);
            case ERF, ERFC, DAWSON -> throw noNd4jForm(c);
        };
    }

    private static IllegalArgumentException noNd4jForm(Call c) {
        return new IllegalArgumentException(
                c.function().spdName() + " has no element-wise ND4J form; it cannot appear in generated training code");
    }

    private Code minMax(Call c) {
        String method = c.function() == Builtin.MIN ? "min" : "max";
        Expr a = c.args().get(0);
        Expr b = c.args().get(1);
        if (!isArray(a)) {
            Expr swap = a;
            a = b;
            b = swap;
        }
        Code arg = array(a);
        CodeBlock other = isArray(b) ? array(b).code() : scalar(b);
        return new Code(CodeBlock.of("$T.$L($L, $L, $L)", TRANSFORMS, method, arg.code(), other, !arg.fresh()), true);
    }

    /**
     * A piecewise expression as named branches, each under a comment with its source: the result starts as the
     * {@code otherwise} value, then each branch from the last to the first (so that the first one that holds wins) is
     * computed and selected where its condition holds.
     */
    private Code piecewise(Piecewise p) {
        String result = freshName("piecewise");
        String prefix = result.equals("piecewise") ? "branch" : result + "Branch";
        String shapeSource = arrays.get(
                p.freeSymbols().stream().filter(arrays::containsKey).findFirst().orElseThrow());
        statements.add("// $L: the first branch that holds wins, so branches are applied last to first\n", result);
        statements.add("// otherwise: $L\n", p.otherwise().toText());
        if (isArray(p.otherwise())) {
            Code otherwise = array(p.otherwise());
            CodeBlock value = otherwise.fresh() ? otherwise.code() : CodeBlock.of("$L.dup()", otherwise.code());
            statements.addStatement("$T $L = $L", INDARRAY, result, value);
        } else {
            // ulike() keeps the weights' data type; Nd4j.valueArrayOf would use the default one.
            statements.addStatement(
                    "$T $L = $L.ulike().assign($L)", INDARRAY, result, shapeSource, scalar(p.otherwise()));
        }
        for (int i = p.pieces().size() - 1; i >= 0; i--) {
            Piece piece = p.pieces().get(i);
            String branch = freshName(prefix + (i + 1));
            String where = freshName("in" + capitalized(branch));
            statements.add(
                    "// $L $L: $L if $L $L $L\n",
                    prefix.equals("branch") ? "branch" : result + " branch",
                    i + 1,
                    piece.value().toText(),
                    piece.when().left().toText(),
                    piece.when().relation().text(),
                    piece.when().right().toText());
            statements.addStatement("$T $L = $L", INDARRAY, where, mask(piece.when()));
            CodeBlock value;
            if (isArray(piece.value())) {
                Code code = array(piece.value());
                if (code.fresh()) {
                    statements.addStatement("$T $L = $L", INDARRAY, branch, code.code());
                    value = CodeBlock.of("$L", branch);
                } else {
                    value = code.code();
                }
            } else {
                statements.addStatement(
                        "$T $L = $L.ulike().assign($L)", INDARRAY, branch, result, scalar(piece.value()));
                value = CodeBlock.of("$L", branch);
            }
            statements.addStatement(
                    "$T.exec(new $T(new $T[] {$L, $L, $L}, new $T[] {$L}))",
                    ND4J,
                    SELECT,
                    INDARRAY,
                    where,
                    value,
                    result,
                    INDARRAY,
                    result);
        }
        return new Code(CodeBlock.of("$L", result), true);
    }

    private CodeBlock mask(Condition c) {
        Expr left = c.left();
        Expr right = c.right();
        Relation relation = c.relation();
        if (!isArray(left)) {
            Expr swap = left;
            left = right;
            right = swap;
            relation = relation.flipped();
        }
        String method = switch (relation) {
            case LT -> "lt";
            case LE -> "lte";
            case GT -> "gt";
            case GE -> "gte";
        };
        if (isArray(right)) {
            return CodeBlock.of("$L.$L(0.0)", array(Expr.sub(left, right)).code(), method);
        }
        return CodeBlock.of("$L.$L($L)", array(left).code(), method, scalar(right));
    }

    // ------------------------------------------------------------------ scalars

    /** A Java double expression for an array-free expression. */
    private CodeBlock scalar(Expr e) {
        return CodeBlock.of("$L", scalarText(e, 0));
    }

    private String scalarText(Expr e, int context) {
        String text = switch (e) {
            case Num n -> literal(n.value());
            case Sym s -> scalars.get(s.name());
            case NamedConstant c -> c.name().equals("pi") ? "Math.PI" : Double.toString(c.value());
            case Infinity i -> "Double.POSITIVE_INFINITY";
            case Sum s -> scalarSum(s);
            case Product p -> scalarProduct(p);
            case Pow p ->
                p.exponent().equals(Expr.HALF)
                        ? "Math.sqrt(" + scalarText(p.base(), 0) + ")"
                        : "Math.pow(" + scalarText(p.base(), 0) + ", " + scalarText(p.exponent(), 0) + ")";
            case Abs a -> "Math.abs(" + scalarText(a.argument(), 0) + ")";
            case Call c -> scalarCall(c);
            case Piecewise p -> scalarPiecewise(p);
        };
        boolean compound = e instanceof Sum
                || e instanceof Product
                || (e instanceof Num n && !n.value().isInteger())
                || (e instanceof Num n2 && n2.value().signum() < 0);
        return compound && context > 0 ? "(" + text + ")" : text;
    }

    private String scalarSum(Sum s) {
        List<Expr> terms = Display.orderedTerms(s, "");
        StringBuilder out = new StringBuilder(scalarText(terms.get(0), 1));
        for (Expr term : terms.subList(1, terms.size())) {
            boolean negative = Display.isNegative(term);
            out.append(negative ? " - " : " + ").append(scalarText(negative ? Expr.neg(term) : term, 2));
        }
        return out.toString();
    }

    private String scalarProduct(Product p) {
        Display.Fraction f = Display.fraction(p);
        String numerator = f.numerator().isEmpty()
                ? "1.0"
                : String.join(
                        " * ", f.numerator().stream().map(x -> scalarText(x, 2)).toList());
        String text = f.denominator().isEmpty()
                ? numerator
                : numerator + " / "
                        + (f.denominator().size() == 1
                                ? scalarText(f.denominator().get(0), 2)
                                : "("
                                        + String.join(
                                                " * ",
                                                f.denominator().stream()
                                                        .map(x -> scalarText(x, 2))
                                                        .toList())
                                        + ")");
        return f.negative() ? "-" + text : text;
    }

    private String scalarCall(Call c) {
        String x = scalarText(c.arg(), 0);
        if (!(c.function() instanceof Builtin f)) {
            throw noJavaForm(c);
        }
        return switch (f) {
            case LOG -> "Math.log(" + x + ")";
            case EXP -> "Math.exp(" + x + ")";
            case SQRT -> "Math.sqrt(" + x + ")";
            case ABS -> "Math.abs(" + x + ")";
            case SIGN -> "Math.signum(" + x + ")";
            case SIGMOID -> "(1.0 / (1.0 + Math.exp(-(" + x + "))))";
            case TANH -> "Math.tanh(" + x + ")";
            case SINH -> "Math.sinh(" + x + ")";
            case COSH -> "Math.cosh(" + x + ")";
            case SOFTPLUS -> "Math.log1p(Math.exp(" + x + "))";
            case ATAN -> "Math.atan(" + x + ")";
            case SIN -> "Math.sin(" + x + ")";
            case COS -> "Math.cos(" + x + ")";
            case TAN -> "Math.tan(" + x + ")";
            case LOG1P -> "Math.log1p(" + x + ")";
            case EXPM1 -> "Math.expm1(" + x + ")";
            case MIN -> "Math.min(" + x + ", " + scalarText(c.args().get(1), 0) + ")";
            case MAX -> "Math.max(" + x + ", " + scalarText(c.args().get(1), 0) + ")";
            case ERF, ERFC, DAWSON -> throw noJavaForm(c);
        };
    }

    private static IllegalArgumentException noJavaForm(Call c) {
        return new IllegalArgumentException(c.function().spdName() + " has no Java form in generated training code");
    }

    private String scalarPiecewise(Piecewise p) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : p.pieces()) {
            out.append("(")
                    .append(scalarText(piece.when().left(), 1))
                    .append(" ")
                    .append(piece.when().relation().text())
                    .append(" ")
                    .append(scalarText(piece.when().right(), 1))
                    .append(") ? ")
                    .append(scalarText(piece.value(), 1))
                    .append(" : ");
        }
        return "(" + out.append(scalarText(p.otherwise(), 1)) + ")";
    }

    /** A Java literal of the double nearest {@code r}; a number no double can hold has none (javac would refuse it). */
    private static String literal(Rational r) {
        double value = r.toDouble();
        if (!Double.isFinite(value) || (value == 0) != r.isZero()) {
            throw new IllegalArgumentException(
                    "the constant " + abbreviated(r.toString()) + " is out of the range of a double");
        }
        String decimal = r.toDecimalString();
        if (!decimal.contains("/")) {
            return decimal.contains(".") || decimal.contains("e") ? decimal : decimal + ".0";
        }
        if (r.numerator().bitLength() > 1000 || r.denominator().bitLength() > 1000) {
            return Double.toString(value);
        }
        return r.numerator() + ".0 / " + r.denominator() + ".0";
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "..." + text.substring(text.length() - 10) : text;
    }
}
