package spd.compiler.penalty;

import java.util.List;

/**
 * Stage 6: the classical penalties the derived one equals (to rounding) or resembles (fitted), from a table of
 * families (lasso, ridge, log-sum, bridge, SCAD, MCP, ...) matched on a grid of |w|.
 */
final class ClassicalStage implements Stage {
    @Override
    public String id() {
        return "classical";
    }

    @Override
    public String title() {
        return "Classical analogues";
    }

    @Override
    public Outcome run(DerivationState state) {
        Penalty penalty = state.requirePenalty();
        boolean perWeight = switch (penalty) {
            case Penalty.ClosedForm c -> true;
            case Penalty.Numeric n -> true;
            case Penalty.Divergent d -> false;
            case Penalty.NotSeparable s -> false;
            case Penalty.None none -> false;
        };
        if (!perWeight) {
            return Outcome.of(state, "none: no finite per-weight penalty to compare");
        }
        List<ClassicalMatch> matches =
                ClassicalMatcher.match(state.requireFunctions(), state.context(), state.properties());
        String summary = matches.isEmpty()
                ? "no classical family is close"
                : (matches.get(0).exact() ? "equals " : "resembles ") + "the "
                        + matches.get(0).family() + " penalty";
        return Outcome.of(state.withClassical(matches), summary);
    }
}
