package spd.lsp;

import java.util.List;
import java.util.Optional;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.PenaltyDecl;
import spd.compiler.ast.RuleBinding;
import spd.compiler.ast.Statement;
import spd.compiler.model.Experiment;
import spd.compiler.model.Regularizer;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.DerivationInputs;

/**
 * What to derive for one statement under the cursor. {@code spd derive} derives an experiment's first mask or
 * penalty; a hover derives the statement it is on: the experiment as if that mask or penalty were its only one, or
 * as if it had none for its eta rule.
 */
final class DerivationRequest {
    private DerivationRequest() {}

    static Optional<DerivationInput> of(Statement statement, Experiment experiment) {
        return switch (statement) {
            case FunctionDef function
            when function.name().name().equals("eta") && experiment.eta().isPresent() ->
                Optional.of(DerivationInputs.of(withRegularizers(experiment, List.of())));
            case RuleBinding binding
            when experiment.eta().isPresent() ->
                Optional.of(DerivationInputs.of(withRegularizers(experiment, List.of())));
            case MaskBlock mask ->
                regularizerAt(experiment, mask.span().line())
                        .map(r -> DerivationInputs.of(withRegularizers(experiment, List.of(r))));
            case PenaltyDecl penalty ->
                regularizerAt(experiment, penalty.span().line())
                        .map(r -> DerivationInputs.of(withRegularizers(experiment, List.of(r))));
            default -> Optional.empty();
        };
    }

    private static Optional<Regularizer> regularizerAt(Experiment experiment, int line) {
        return experiment.regularizers().stream()
                .filter(r -> r.at().line() == line)
                .findFirst();
    }

    private static Experiment withRegularizers(Experiment e, List<Regularizer> regularizers) {
        return new Experiment(
                e.name(),
                e.source(),
                e.at(),
                e.constants(),
                e.data(),
                e.network(),
                e.eta(),
                regularizers,
                e.training(),
                e.pruning());
    }
}
