package spd.lsp;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.Property;
import spd.compiler.sym.TextPrinter;

/** A derivation in the few lines a hover has room for: the penalty, the keep probability and sparsity. */
final class DerivationSummary {
    private DerivationSummary() {}

    static String markdown(Derivation derivation) {
        StringBuilder out = new StringBuilder();
        out.append("**").append(derivation.ruleDescription()).append("**\n\n");
        out.append("- effective penalty: ")
                .append(penalty(derivation.penalty()))
                .append('\n');
        derivation.classical().stream()
                .findFirst()
                .filter(c -> c.exact())
                .ifPresent(c -> out.append("- classical: ")
                        .append(c.family())
                        .append(", `")
                        .append(c.formula())
                        .append("`\n"));
        derivation
                .etaHat()
                .ifPresent(eta -> out.append("- reweighting: `eta_hat(w) = ")
                        .append(TextPrinter.print(eta))
                        .append("`\n"));
        derivation
                .keep()
                .ifPresent(keep -> out.append("- keep probability: `")
                        .append(TextPrinter.print(keep))
                        .append("`\n"));
        out.append("- ").append(sparsity(derivation.property("sparsity"))).append('\n');
        String constants = derivation.input().constants().values().stream()
                .sorted(java.util.Comparator.comparing(c -> c.name()))
                .map(c -> c.name() + " = " + c.value().toDecimalString())
                .collect(Collectors.joining(", "));
        if (!constants.isEmpty()) {
            out.append("\nwith ").append(constants).append(". ");
        } else {
            out.append('\n');
        }
        out.append("`spd derive` writes every step.");
        return out.toString();
    }

    private static String penalty(Penalty penalty) {
        return switch (penalty) {
            case Penalty.ClosedForm c ->
                "`lambda*Omega(w)`, `Omega(w) = " + TextPrinter.print(c.omega()) + "` (closed form)";
            case Penalty.Numeric n -> "numeric (" + n.method() + ")";
            case Penalty.Divergent d -> "divergent: " + d.explanation();
            case Penalty.NotSeparable n -> "none per weight: " + n.explanation();
            case Penalty.None n -> "none (no regularisation)";
        };
    }

    /** The engine's own words: "sparsity-inducing", "not sparsity-inducing at 0 (...)" or "no claim of sparsity". */
    private static String sparsity(Optional<Property> property) {
        if (property.isEmpty()) {
            return "sparsity: not decided";
        }
        Property p = property.get();
        String verdict = p.holds() ? "sparsity-inducing: yes" : "sparsity: " + p.statement();
        return verdict + " (" + p.reason() + "; " + p.method().label().toLowerCase(Locale.ROOT) + ")";
    }
}
