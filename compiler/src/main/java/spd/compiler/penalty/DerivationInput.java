package spd.compiler.penalty;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spd.compiler.source.Span;

/**
 * What {@link PenaltyDeriver} derives from: one experiment's masking rule with its constants and the source lines it
 * came from.
 *
 * @param experimentName the experiment's name, used in titles and file names
 * @param sourcePath the {@code .spd} file, as the user gave it
 * @param rule the rule to derive the effective penalty of
 * @param constants every named constant the rule's expressions use, by name
 * @param lambdaSymbol the name of the regularisation strength (usually {@code lambda})
 * @param inputs the source lines the rule came from, quoted in the report
 * @param at where the rule is written, for diagnostics about it (empty for inputs made in code)
 */
public record DerivationInput(
        String experimentName,
        String sourcePath,
        Rule rule,
        Map<String, Constant> constants,
        String lambdaSymbol,
        List<Quote> inputs,
        Optional<Span> at) {

    public DerivationInput {
        Objects.requireNonNull(experimentName, "experimentName");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(rule, "rule");
        constants = Map.copyOf(constants);
        Objects.requireNonNull(lambdaSymbol, "lambdaSymbol");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(at, "at");
    }

    /** An input made in code, with no source span. */
    public DerivationInput(
            String experimentName,
            String sourcePath,
            Rule rule,
            Map<String, Constant> constants,
            String lambdaSymbol,
            List<Quote> inputs) {
        this(experimentName, sourcePath, rule, constants, lambdaSymbol, inputs, Optional.empty());
    }
}
