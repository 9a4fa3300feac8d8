package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/** An expression as written: numbers keep their text, names are unresolved. */
public sealed interface Expr {
    Span span();

    /** A decimal literal such as {@code 1e-3}; its text is kept so that it stays exact. */
    record Num(String text, Span span) implements Expr {}

    /** {@code inf}. */
    record Infinity(Span span) implements Expr {}

    /** A name: a constant, a parameter, {@code w}, {@code eta}, {@code lr}, or a word setting value. */
    record Name(String name, Span span) implements Expr {}

    /** {@code -x}. */
    record Negate(Expr operand, Span span) implements Expr {}

    /** {@code a + b}, {@code a * b}, {@code a ^ b}, ... */
    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

    /** {@code |x|}. */
    record Abs(Expr operand, Span span) implements Expr {}

    /** {@code log(x)}, {@code logsum(eps: 2)}. */
    record Call(Ident function, List<Argument> arguments, Span span) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code piecewise { e1 if c1, e2 if c2, e3 otherwise }}: the first case whose condition holds. */
    record Piecewise(List<Case> cases, Span span) implements Expr {
        public Piecewise {
            cases = List.copyOf(cases);
        }
    }

    /** An argument of a call, positional or named ({@code eps: 2} or {@code lr = 1e-3}). */
    record Argument(Optional<Ident> name, Expr value, Span span) {}

    /** One case of a piecewise expression; no condition means {@code otherwise}. */
    record Case(Expr value, Optional<Condition> when, Span span) {}

    /** {@code |w| < lambda}. */
    record Condition(Expr left, Relation relation, Expr right, Span span) {}

    /** Arithmetic operators. */
    enum BinaryOp {
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        POW("^");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Comparison operators of conditions. */
    enum Relation {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
