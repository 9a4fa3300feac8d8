package spd.compiler.model;

import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * A {@code let} constant (or a named rule's parameter): its exact value, its double value, the number
 * literal it was written as (when it was one, so generated code can keep it), and where it was declared.
 */
public record Constant(String name, Expr exact, double value, Optional<String> literal, SourceRef at) {}
