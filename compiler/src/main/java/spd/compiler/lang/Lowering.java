package spd.compiler.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spd.compiler.ast.Expr;
import spd.compiler.sym.Condition;
import spd.compiler.sym.MathFunction;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Rational;
import spd.compiler.sym.Relation;

/**
 * Turns a checked AST expression into a canonical symbolic expression. Names bound in {@code bindings}
 * (a rule's parameters, a function's parameter renamed to {@code w}) are replaced; other names stay symbols.
 */
public final class Lowering {
    private final Map<String, spd.compiler.sym.Expr> bindings;

    public Lowering(Map<String, spd.compiler.sym.Expr> bindings) {
        this.bindings = Map.copyOf(bindings);
    }

    public static spd.compiler.sym.Expr lower(Expr expr) {
        return new Lowering(Map.of()).apply(expr);
    }

    public spd.compiler.sym.Expr apply(Expr expr) {
        return switch (expr) {
            case Expr.Num num -> spd.compiler.sym.Expr.number(Rational.parseDecimal(num.text()));
            case Expr.Infinity infinity -> spd.compiler.sym.Expr.infinity();
            case Expr.Name name -> bindings.getOrDefault(name.name(), spd.compiler.sym.Expr.symbol(name.name()));
            case Expr.Negate negate -> spd.compiler.sym.Expr.neg(apply(negate.operand()));
            case Expr.Abs abs -> spd.compiler.sym.Expr.abs(apply(abs.operand()));
            case Expr.Binary binary -> binary(binary);
            case Expr.Call call -> call(call);
            case Expr.Piecewise piecewise -> piecewise(piecewise);
        };
    }

    public Condition condition(Expr.Condition condition) {
        Relation relation = switch (condition.relation()) {
            case LT -> Relation.LT;
            case LE -> Relation.LE;
            case GT -> Relation.GT;
            case GE -> Relation.GE;
        };
        return new Condition(apply(condition.left()), relation, apply(condition.right()));
    }

    private spd.compiler.sym.Expr binary(Expr.Binary binary) {
        spd.compiler.sym.Expr left = apply(binary.left());
        spd.compiler.sym.Expr right = apply(binary.right());
        return switch (binary.op()) {
            case ADD -> spd.compiler.sym.Expr.add(left, right);
            case SUB -> spd.compiler.sym.Expr.sub(left, right);
            case MUL -> spd.compiler.sym.Expr.mul(left, right);
            case DIV -> spd.compiler.sym.Expr.div(left, right);
            case POW -> spd.compiler.sym.Expr.pow(left, right);
        };
    }

    private spd.compiler.sym.Expr call(Expr.Call call) {
        MathFunction function = Functions.byName(call.function().name())
                .orElseThrow(() -> new IllegalStateException(
                        "unchecked call of " + call.function().name()));
        List<spd.compiler.sym.Expr> arguments =
                call.arguments().stream().map(a -> apply(a.value())).toList();
        return spd.compiler.sym.Expr.call(function, arguments);
    }

    private spd.compiler.sym.Expr piecewise(Expr.Piecewise piecewise) {
        List<Piece> pieces = new ArrayList<>();
        spd.compiler.sym.Expr otherwise = spd.compiler.sym.Expr.infinity();
        for (Expr.Case c : piecewise.cases()) {
            if (c.when().isPresent()) {
                pieces.add(new Piece(condition(c.when().get()), apply(c.value())));
            } else {
                otherwise = apply(c.value());
            }
        }
        return spd.compiler.sym.Expr.piecewise(pieces, otherwise);
    }
}
