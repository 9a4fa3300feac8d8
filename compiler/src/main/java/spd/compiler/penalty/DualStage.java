package spd.compiler.penalty;

import java.util.List;
import java.util.Optional;

/**
 * Stage 4: the dual f(eta) = sup_w [2 Omega(w) - w^2/eta] (theory.md 2.2), in closed form from a closed-form Omega
 * when eta_hat can be inverted (checked against a numeric supremum), else numerically; the rules given by a dual keep
 * theirs.
 */
final class DualStage implements Stage {
    private static final String NUMERIC_SUPREMUM =
            "sup over w of 2 Omega(w) - w^2/eta on a log grid refined by Brent's" + " method";

    @Override
    public String id() {
        return "dual";
    }

    @Override
    public String title() {
        return "Dual f(eta)";
    }

    @Override
    public Outcome run(DerivationState state) {
        return switch (state.requireReduction()) {
            case Reduction.ToEta eta ->
                state.requirePenalty() instanceof Penalty.Divergent
                        ? Outcome.of(
                                state.withDual(new Dual.Unavailable("the penalty is infinite away from 0")),
                                "none: Omega is infinite away from 0")
                        : fromInverse(state, eta.etaT(), eta.etaForms(), eta.keepScale(), NUMERIC_SUPREMUM);
            case Reduction.FromPenalty given ->
                fromInverse(
                        state,
                        given.etaT(),
                        given.etaForms(),
                        state.context().lambdaValue,
                        "sup over w of 2 Omega(w) - w^2/eta, numerically");
            case Reduction.NumericDual dual ->
                given(
                        state,
                        dual.f()
                                .<Dual>map(Dual.ClosedForm::new)
                                .orElseGet(() -> new Dual.Numeric("f(eta) = int_0^eta f'(u) du by quadrature")));
            case Reduction.VariationalDropout vd ->
                given(state, new Dual.ClosedForm(DualRules.variationalDropoutDual(vd)));
            case Reduction.HardConcrete hc -> given(state, new Dual.ClosedForm(DualRules.hardConcreteDual(hc)));
            case Reduction.NoPenalty none -> Outcome.of(state.withDual(none.dual()), "none");
        };
    }

    /** On a stage deadline the dual is left to the numeric supremum. */
    @Override
    public Outcome fallback(DerivationState state, String why) {
        return Outcome.of(
                state.withNotes(List.of("The dual was not sought in closed form to the end (" + why + ")."))
                        .withDual(new Dual.Numeric(NUMERIC_SUPREMUM)),
                "stopped (" + why + "): f numerically");
    }

    private static Outcome given(DerivationState state, Dual dual) {
        return Outcome.of(state.withDual(dual), "the rule's own dual");
    }

    /** f from inverting eta_hat, when Omega is in closed form; the functions then evaluate f in closed form too. */
    private static Outcome fromInverse(
            DerivationState state,
            spd.compiler.sym.Expr etaT,
            List<spd.compiler.sym.Expr> etaForms,
            double keepScale,
            String numericMethod) {
        Context context = state.context();
        Optional<DualDerivation.Result> found = state.omegaT().flatMap(o -> DualDerivation.of(etaT, o, context));
        if (found.isEmpty()) {
            return Outcome.of(state.withDual(new Dual.Numeric(numericMethod)), "no closed form: f numerically");
        }
        DualDerivation.Result dual = found.get();
        PenaltyFunctions functions =
                Evaluators.ofEta(context, etaForms, state.omegaT(), Optional.of(dual.f()), keepScale);
        return new Outcome(
                state.withDual(new Dual.ClosedForm(dual.f())).withFunctions(functions),
                dual.steps(),
                "closed form, checked against a numeric supremum");
    }
}
