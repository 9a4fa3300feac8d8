package spd.compiler.testing;

import java.util.Optional;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.Lowering;
import spd.compiler.parse.SourceParser;
import spd.compiler.source.SourceFile;
import spd.compiler.sym.Expr;

/**
 * Expressions for tests, written as in {@code .spd} files ({@code |w|*(|w| + eps)}, {@code piecewise { w if w < a, 0
 * otherwise }}) and read by the real front end: the grammar's {@code standaloneExpr} rule, then the lowering.
 */
public final class Expressions {
    private Expressions() {}

    /**
     * The canonical symbolic form of {@code text}.
     *
     * @throws IllegalArgumentException when the text is not an expression (with the parser's diagnostics)
     */
    public static Expr parse(String text) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<spd.compiler.ast.Expr> parsed =
                SourceParser.parseExpression(new SourceFile("<test>", text), diagnostics);
        if (parsed.isEmpty() || diagnostics.hasErrors()) {
            throw new IllegalArgumentException("not an expression: " + text + " " + diagnostics.sorted());
        }
        return Lowering.lower(parsed.get());
    }
}
