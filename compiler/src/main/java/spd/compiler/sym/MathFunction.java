package spd.compiler.sym;

/**
 * What a {@link Call} calls: an elementary {@link Builtin} the symbolic core knows by its rules, or a {@link
 * SuppliedFunction} that a client (the language's function table) supplies with its own numerics.
 */
public sealed interface MathFunction permits Builtin, SuppliedFunction {
    /** The name in {@code .spd} source, e.g. {@code log}. */
    String spdName();

    /** The number of arguments. */
    int arity();

    /** A short description for help texts and "did you mean" messages. */
    String description();

    /** This function at the given arguments, in double precision. */
    double apply(double... args);
}
