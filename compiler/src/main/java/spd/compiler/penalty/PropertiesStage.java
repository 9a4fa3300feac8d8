package spd.compiler.penalty;

import java.util.List;
import java.util.Optional;

/**
 * Stage 5: the properties of the penalty with their reasons (theory.md 2.3): monotonicity of eta_hat, subquadratic
 * growth, the slope at 0, sparsity, the scalar threshold, growth and convexity, each proved symbolically or by interval
 * arithmetic where possible, else checked on a grid.
 */
final class PropertiesStage implements Stage {
    /** Each eta_hat of the gates is a minimisation over a with quadratures inside: a coarser grid. */
    private static final int GATE_GRID_POINTS = 120;

    @Override
    public String id() {
        return "properties";
    }

    @Override
    public String title() {
        return "Properties";
    }

    @Override
    public Outcome run(DerivationState state) {
        Context context = state.context();
        PenaltyFunctions functions = state.requireFunctions();
        List<Property> properties = switch (state.requireReduction()) {
            case Reduction.ToEta eta ->
                state.requirePenalty() instanceof Penalty.Divergent
                        ? PropertyAnalysis.of(context, List.of(eta.etaT()), state.integrandT(), functions, 1, true)
                        : PropertyAnalysis.of(context, eta.etaForms(), state.integrandT(), functions, 1, false);
            case Reduction.FromPenalty given ->
                PropertyAnalysis.of(context, given.etaForms(), Optional.of(given.derivativeT()), functions, 1, false);
            case Reduction.NumericDual dual ->
                PropertyAnalysis.of(context, List.of(), Optional.empty(), functions, 1, false);
            case Reduction.VariationalDropout vd ->
                PropertyAnalysis.of(context, List.of(), Optional.empty(), functions, 1, false);
            case Reduction.HardConcrete hc ->
                PropertyAnalysis.of(context, List.of(), Optional.empty(), functions, 1, false, GATE_GRID_POINTS);
            case Reduction.NoPenalty none -> none.properties();
        };
        return Outcome.of(
                state.withProperties(properties),
                properties.size() == 1 ? "1 property" : properties.size() + " properties");
    }
}
