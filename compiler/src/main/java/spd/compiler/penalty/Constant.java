package spd.compiler.penalty;

import java.util.Objects;
import spd.compiler.sym.Rational;

/**
 * A named constant of an experiment ({@code let eps = 2}) with its exact value and where it was defined.
 *
 * @param line the 1-based source line, or 0 when the constant has no line of its own (a standard-library default)
 * @param lineText the text of that line, quoted in reports
 */
public record Constant(String name, Rational value, int line, String lineText) {
    public Constant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lineText, "lineText");
    }
}
