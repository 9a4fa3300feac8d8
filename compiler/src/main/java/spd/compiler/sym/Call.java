package spd.compiler.sym;

import java.util.List;

/**
 * A call of a builtin or supplied function (never {@code sqrt} or {@code abs}, which canonicalise to {@link Pow} and
 * {@link Abs}).
 */
public record Call(MathFunction function, List<Expr> args) implements Expr {
    public Call {
        args = List.copyOf(args);
        if (args.size() != function.arity()) {
            throw new IllegalArgumentException(
                    function.spdName() + " takes " + function.arity() + " argument(s), got " + args.size());
        }
    }

    /** The only argument of a one-argument function. */
    public Expr arg() {
        return args.get(0);
    }

    @Override
    public String toString() {
        return toText();
    }
}
