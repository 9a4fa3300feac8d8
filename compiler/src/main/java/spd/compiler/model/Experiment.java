package spd.compiler.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * A checked experiment, resolved: the only thing derivation and code generation read. Constants keep
 * their declaration order; regularizers their statement order.
 */
public record Experiment(
        String name,
        SourceInfo source,
        SourceRef at,
        Map<String, Constant> constants,
        Optional<DataSpec> data,
        Optional<Network> network,
        Optional<EtaRule> eta,
        List<Regularizer> regularizers,
        Optional<Training> training,
        List<Pruning> pruning) {

    public Experiment {
        constants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        regularizers = List.copyOf(regularizers);
        pruning = List.copyOf(pruning);
    }

    /** The file an experiment came from: path as given, text, and SHA-256 of the text. */
    public record SourceInfo(String path, String text, String sha256) {}

    /** The double values of the constants, for numeric evaluation. */
    public Map<String, Double> constantValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        constants.forEach((name, constant) -> values.put(name, constant.value()));
        return values;
    }

    /** An expression with the symbol {@code eta} replaced by the eta rule (when there is one). */
    public Expr inTermsOfW(Expr expr) {
        return eta.map(rule -> expr.substitute(Map.of("eta", rule.body()))).orElse(expr);
    }

    /** Whether the experiment can be trained: it has data, a network and a train block. */
    public boolean isTrainable() {
        return data.isPresent() && network.isPresent() && training.isPresent();
    }
}
