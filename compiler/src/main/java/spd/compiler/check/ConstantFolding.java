package spd.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import spd.compiler.ast.Expr;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.sym.Builtin;

/**
 * Evaluates the constant parts of an expression in double precision, as generated code and the derivation will, and
 * reports those that are no finite number where their operands were ({@code 1e308 * 10}, {@code 0/0}, {@code log(0)},
 * {@code 1/0}), a division by a constant zero anywhere ({@code w * 0 / 0}), and piecewise conditions that do not
 * depend on the variable (always true or always false, so no case can be chosen per weight). One pass, linear in the
 * size of the expression; a part already reported is not reported again through the parts around it.
 */
final class ConstantFolding {
    private final Diagnostics diagnostics;
    private final Scope scope;
    /** Binary nodes already checked as part of a larger chain (each chain is checked once, at its top). */
    private final java.util.Set<Expr.Binary> chainTops =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private ConstantFolding(Diagnostics diagnostics, Scope scope) {
        this.diagnostics = diagnostics;
        this.scope = scope;
    }

    /** What one subexpression is: variable (uses w, eta, ...), or constant with a value when it has one. */
    private record Folded(boolean variable, OptionalDouble value, boolean reported) {
        static final Folded VARIABLE = new Folded(true, OptionalDouble.empty(), false);
        static final Folded UNKNOWN = new Folded(false, OptionalDouble.empty(), false);
        static final Folded REPORTED = new Folded(false, OptionalDouble.empty(), true);

        static Folded of(double value) {
            return new Folded(false, OptionalDouble.of(value), false);
        }

        boolean finite() {
            return value.isPresent() && Double.isFinite(value.getAsDouble());
        }
    }

    /** Checks {@code expr}, whose names were already resolved in {@code scope}. */
    static void check(Expr expr, Scope scope, Diagnostics diagnostics) {
        new ConstantFolding(diagnostics, scope).fold(expr);
    }

    private Folded fold(Expr expr) {
        return switch (expr) {
            case Expr.Num num ->
                Numbers.parse(num.text()).map(v -> Folded.of(v.doubleValue())).orElse(Folded.REPORTED);
            case Expr.Infinity infinity -> Folded.of(Double.POSITIVE_INFINITY);
            case Expr.Name name -> name(name.name());
            case Expr.Negate negate -> apply(expr, List.of(fold(negate.operand())), args -> -args[0], "");
            case Expr.Abs abs -> apply(expr, List.of(fold(abs.operand())), args -> Math.abs(args[0]), "");
            case Expr.Binary binary -> binary(binary);
            case Expr.Call call -> call(call);
            case Expr.Piecewise piecewise -> piecewise(piecewise);
        };
    }

    private Folded name(String name) {
        if (scope.variables().contains(name)) {
            return Folded.VARIABLE;
        }
        Double value = scope.values().get(name);
        return value != null ? Folded.of(value) : Folded.UNKNOWN;
    }

    private Folded binary(Expr.Binary binary) {
        if (checkLiteralChain(binary)) {
            return Folded.REPORTED;
        }
        Folded left = fold(binary.left());
        Folded right = fold(binary.right());
        if (binary.op() == Expr.BinaryOp.DIV
                && right.value().isPresent()
                && right.value().getAsDouble() == 0) {
            String divisor = abbreviate(binary.right().span().text());
            diagnostics.report(
                    Code.E0503,
                    binary.span(),
                    "division by zero" + (divisor.equals("0") ? "" : " ('" + divisor + "' is 0)"),
                    "write inf for an infinite value; otherwise check the divisor");
            return Folded.REPORTED;
        }
        return apply(
                binary,
                List.of(left, right),
                args -> switch (binary.op()) {
                    case ADD -> args[0] + args[1];
                    case SUB -> args[0] - args[1];
                    case MUL -> args[0] * args[1];
                    case DIV -> args[0] / args[1];
                    case POW -> Math.pow(args[0], args[1]);
                },
                binary.op() == Expr.BinaryOp.POW ? "; use smaller numbers or a 'let' with the value you mean" : "");
    }

    /**
     * The exact arithmetic behind the derivation and generated code folds the number literals of a product or a sum
     * into one number ({@code |w| * 1e308 * 10} has the coefficient 1e309): that number must be a double too. Checked
     * once per chain of * and / (or + and -), from its top; true when reported.
     */
    private boolean checkLiteralChain(Expr.Binary binary) {
        boolean product = binary.op() == Expr.BinaryOp.MUL || binary.op() == Expr.BinaryOp.DIV;
        boolean sum = binary.op() == Expr.BinaryOp.ADD || binary.op() == Expr.BinaryOp.SUB;
        if (!product && !sum || chainTops.contains(binary)) {
            return false;
        }
        java.util.List<java.math.BigDecimal> numerators = new ArrayList<>();
        java.util.List<java.math.BigDecimal> denominators = new ArrayList<>();
        collect(binary, product, false, numerators, denominators);
        if (product) {
            double magnitude = 0;
            for (java.math.BigDecimal n : numerators) {
                magnitude += log10(n);
            }
            for (java.math.BigDecimal d : denominators) {
                magnitude -= log10(d);
            }
            if (numerators.size() + denominators.size() > 1
                    && (magnitude > 308.25 || magnitude < -307)
                    && numerators.stream().noneMatch(n -> n.signum() == 0)) {
                diagnostics.report(
                        Code.E0503,
                        binary.span(),
                        "the numbers in " + abbreviate(binary.span().text())
                                + " multiply to about 1e" + Math.round(magnitude) + ", which "
                                + (magnitude > 0 ? "overflows" : "underflows")
                                + " a double",
                        "constant factors are multiplied exactly, and the product must still be a double");
                return true;
            }
        } else {
            java.math.BigDecimal total =
                    numerators.stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            for (java.math.BigDecimal d : denominators) {
                total = total.subtract(d);
            }
            if (numerators.size() + denominators.size() > 1 && Double.isInfinite(total.doubleValue())) {
                diagnostics.report(
                        Code.E0503,
                        binary.span(),
                        "the numbers in " + abbreviate(binary.span().text()) + " add up to more than a double holds",
                        "constant terms are added exactly, and the sum must be a double");
                return true;
            }
        }
        return false;
    }

    /** Gathers the number literals of a chain of the same kind, those divided by (or subtracted) apart. */
    private void collect(
            Expr e,
            boolean product,
            boolean inverted,
            java.util.List<java.math.BigDecimal> numerators,
            java.util.List<java.math.BigDecimal> denominators) {
        if (e instanceof Expr.Binary b
                && (product
                        ? b.op() == Expr.BinaryOp.MUL || b.op() == Expr.BinaryOp.DIV
                        : b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)) {
            chainTops.add(b);
            boolean flip = b.op() == Expr.BinaryOp.DIV || b.op() == Expr.BinaryOp.SUB;
            collect(b.left(), product, inverted, numerators, denominators);
            collect(b.right(), product, inverted ^ flip, numerators, denominators);
        } else if (e instanceof Expr.Num num) {
            Numbers.parse(num.text()).ifPresent(v -> (inverted ? denominators : numerators).add(product ? v.abs() : v));
        } else if (e instanceof Expr.Negate negate && negate.operand() instanceof Expr.Num num) {
            Numbers.parse(num.text())
                    .ifPresent(v -> (inverted ? denominators : numerators).add(product ? v.abs() : v.negate()));
        }
    }

    private static double log10(java.math.BigDecimal v) {
        return v.signum() == 0
                ? 0
                : v.precision()
                        - v.scale()
                        - 1
                        + Math.log10(v.unscaledValue().abs().doubleValue() / Math.pow(10, v.precision() - 1));
    }

    private Folded call(Expr.Call call) {
        List<Folded> arguments = new ArrayList<>();
        for (Expr.Argument argument : call.arguments()) {
            arguments.add(fold(argument.value()));
        }
        Optional<Builtin> builtin = Builtin.byName(call.function().name());
        if (builtin.isEmpty() || builtin.get().arity() != arguments.size()) {
            return arguments.stream().anyMatch(Folded::variable) ? Folded.VARIABLE : Folded.UNKNOWN;
        }
        return apply(call, arguments, args -> builtin.get().apply(args), "");
    }

    private Folded piecewise(Expr.Piecewise piecewise) {
        boolean variable = false;
        for (Expr.Case c : piecewise.cases()) {
            variable |= fold(c.value()).variable();
            if (c.when().isPresent()) {
                Expr.Condition when = c.when().get();
                boolean dependent =
                        fold(when.left()).variable() | fold(when.right()).variable();
                variable |= dependent;
                if (!dependent && !scope.variables().isEmpty()) {
                    String names = String.join(" or ", scope.variables());
                    diagnostics.report(
                            Code.E0412,
                            when.span(),
                            "this condition does not depend on " + names + ", so it holds for every weight or for none",
                            "compare " + names + " with a constant, e.g. |"
                                    + scope.variables().iterator().next()
                                    + "| < lambda; or keep only the case that applies");
                }
            }
        }
        return variable ? Folded.VARIABLE : Folded.UNKNOWN;
    }

    private interface Operation {
        double apply(double[] args);
    }

    /**
     * The value of an operation on folded operands: variable if any is, unknown if any value is unknown, else the
     * value, reported when it is NaN or when finite operands gave an infinity.
     */
    private Folded apply(Expr at, List<Folded> operands, Operation operation, String hint) {
        if (operands.stream().anyMatch(Folded::variable)) {
            return Folded.VARIABLE;
        }
        if (operands.stream().anyMatch(o -> o.reported() || o.value().isEmpty())) {
            return operands.stream().anyMatch(Folded::reported) ? Folded.REPORTED : Folded.UNKNOWN;
        }
        double[] args =
                operands.stream().mapToDouble(o -> o.value().getAsDouble()).toArray();
        double value;
        try {
            value = operation.apply(args);
        } catch (RuntimeException e) {
            return Folded.UNKNOWN;
        }
        boolean finiteOperands = operands.stream().allMatch(Folded::finite);
        if (Double.isNaN(value) || (Double.isInfinite(value) && finiteOperands)) {
            String what = Double.isNaN(value)
                    ? "is not a number"
                    : "overflows a double (it is " + (value > 0 ? "" : "-") + "infinite)";
            diagnostics.report(
                    Code.E0503,
                    at.span(),
                    "the constant " + abbreviate(at.span().text()) + " " + what,
                    "constant parts of expressions are computed in double precision" + hint);
            return Folded.REPORTED;
        }
        return Folded.of(value);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }
}
