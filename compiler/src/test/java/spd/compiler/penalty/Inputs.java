package spd.compiler.penalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Rational;
import spd.compiler.testing.Expressions;

/** Builds derivation inputs for tests: a rule with constants given as "name", "decimal" pairs. */
public final class Inputs {
    private Inputs() {}

    public static Map<String, Constant> constants(String... pairs) {
        Map<String, Constant> map = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            String name = pairs[k];
            map.put(
                    name,
                    new Constant(
                            name,
                            Rational.parseDecimal(pairs[k + 1]),
                            k / 2 + 3,
                            "let " + name + " = " + pairs[k + 1]));
        }
        return map;
    }

    public static DerivationInput of(String name, Rule rule, String... constants) {
        return new DerivationInput(
                name,
                "examples/" + name + ".spd",
                rule,
                constants(constants),
                "lambda",
                List.of(new Quote("rule", 7, "(rule of " + name + ")")));
    }

    public static Derivation eta(String eta, String... constants) {
        return PenaltyDeriver.derive(of("eta_rule", new Rule.EtaRule(Expressions.parse(eta)), constants));
    }

    public static Derivation keep(Rule.MaskKind kind, String keep, String eta, String... constants) {
        Optional<Expr> etaExpr = eta == null ? Optional.empty() : Optional.of(Expressions.parse(eta));
        return PenaltyDeriver.derive(of(
                "keep_rule",
                new Rule.KeepRule(kind, Expressions.parse(keep), etaExpr, Optional.empty(), false),
                constants));
    }

    public static Derivation penalty(String omega, String... constants) {
        return PenaltyDeriver.derive(
                of("penalty_rule", new Rule.PenaltyRule(Expressions.parse(omega), Optional.empty()), constants));
    }

    public static Derivation dual(String f, boolean derivative, String... constants) {
        return PenaltyDeriver.derive(of("dual_rule", new Rule.DualRule(Expressions.parse(f), derivative), constants));
    }

    /** Omega's text when it has a closed form. */
    public static String omegaText(Derivation d) {
        return ((Penalty.ClosedForm) d.penalty()).omega().toText();
    }
}
