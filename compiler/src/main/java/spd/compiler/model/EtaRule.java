package spd.compiler.model;

import java.util.Optional;
import spd.compiler.sym.Expr;

/** The reweighting rule eta_hat(w), an expression in the symbol {@code w}, and where it came from. */
public record EtaRule(Expr body, Optional<RuleRef> rule, SourceRef at) {}
