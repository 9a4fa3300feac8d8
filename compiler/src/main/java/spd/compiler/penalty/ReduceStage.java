package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;

/**
 * Stage 1: reads the rule and reduces it to the adaptive reweighting eta_hat (theory.md 1.1-1.3, 2.2): from a keep
 * probability or a mask variance by the mask algebra, from a penalty by the envelope theorem, from a dual by its
 * stationarity condition; variational dropout and hard-concrete gates keep their dedicated numerics.
 */
final class ReduceStage implements Stage {
    /** A rule reduced: its description, the reduction, the steps that led there and the notes they raise. */
    record Reduced(String description, Reduction reduction, List<Step> steps, List<String> notes) {
        Reduced {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(reduction, "reduction");
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    @Override
    public String id() {
        return "reduce";
    }

    @Override
    public String title() {
        return "Reduce the rule to eta_hat";
    }

    @Override
    public Outcome run(DerivationState state) {
        requireValues(state.input());
        Context context = state.context();
        Reduced reduced = switch (state.input().rule()) {
            case Rule.EtaRule r -> etaRule(context, r);
            case Rule.KeepRule r -> MaskAlgebra.fromKeep(context, r);
            case Rule.VarianceRule r -> MaskAlgebra.fromVariance(context, r);
            case Rule.PenaltyRule r -> ReverseDirection.reduce(context, r);
            case Rule.DualRule r -> DualRules.reduce(context, r);
            case Rule.VariationalDropout r -> DualRules.variationalDropout(context, r);
            case Rule.HardConcrete r -> DualRules.hardConcrete(context, r);
            case Rule.MagnitudePruning r -> NonPenalties.magnitudePruning(context, r);
            case Rule.NoRegularization r -> NonPenalties.none();
        };
        DerivationState next =
                state.withReduction(reduced.description(), reduced.reduction()).withNotes(reduced.notes());
        return new Outcome(next, reduced.steps(), summary(reduced.reduction()));
    }

    private static Reduced etaRule(Context context, Rule.EtaRule rule) {
        Step given = Step.of("reweighting", Quantity.ETA_HAT, rule.eta(), "the adaptive rule, as written");
        Reduction eta = toEta(
                context,
                rule.eta(),
                Optional.of(MaskAlgebra.keepOfEta(rule.eta(), context.lambda)),
                context.lambdaValue);
        return new Reduced("adaptive reweighting eta(w)", eta, List.of(given), List.of());
    }

    /**
     * eta_hat in w as a reduction, with its form in t = |w| normalised for t > 0 and, for evaluation where that
     * overflows (tanh and cosh of large arguments), the rule as written. A reweighting that is negative or undefined
     * somewhere is rejected here, with where.
     */
    static Reduction.ToEta toEta(Context context, Expr etaW, Optional<Expr> keepW, double keepScale) {
        Expr inT = etaW.substitute(Map.of(Context.W, Expr.symbol(Context.T)));
        Expr etaT = Simplifier.normalize(inT, context.positiveT);
        List<Expr> etaForms = List.of(
                etaT,
                Simplifier.simplify(inT, context.positiveT, Rewrites.LIGHT).expr());
        PositiveReweighting.require(context, etaT, Compiled.function(etaForms, Context.T, context.values));
        return new Reduction.ToEta(etaW, etaT, etaForms, keepW, keepScale);
    }

    private static String summary(Reduction reduction) {
        return switch (reduction) {
            case Reduction.ToEta e -> "eta_hat(w) = " + e.etaW().toText();
            case Reduction.FromPenalty p -> "eta_hat(w) = " + p.etaW().toText() + " implements the penalty";
            case Reduction.NumericDual n ->
                "eta_hat(w) only numerically: the stationarity condition has no symbolic inverse";
            case Reduction.VariationalDropout v -> "eta_hat(w) by variational dropout's own numerics";
            case Reduction.HardConcrete h -> "eta_hat(w) by the gates' own numerics";
            case Reduction.NoPenalty n -> "no per-weight penalty";
        };
    }

    /** Every symbol the rule uses, other than w, eta and t, must be a constant with a value. */
    private static void requireValues(DerivationInput input) {
        Set<String> used = new TreeSet<>();
        for (Expr e : expressions(input.rule())) {
            used.addAll(e.freeSymbols());
        }
        // lr, the learning rate, only scales a proximal keep probability; MaskAlgebra handles its absence.
        used.removeAll(Set.of(Context.W, Context.ETA, Context.T, "lr"));
        for (String name : used) {
            if (!input.constants().containsKey(name)) {
                throw new DerivationException("experiment " + input.experimentName() + " uses '" + name
                        + "' without a value; define it with `let " + name + " = ...` (or pass it to the rule)");
            }
        }
    }

    private static List<Expr> expressions(Rule rule) {
        List<Expr> list = new ArrayList<>();
        switch (rule) {
            case Rule.EtaRule r -> list.add(r.eta());
            case Rule.KeepRule r -> {
                list.add(r.keep());
                r.eta().ifPresent(list::add);
                r.minKeep().ifPresent(list::add);
            }
            case Rule.VarianceRule r -> {
                list.add(r.variance());
                r.eta().ifPresent(list::add);
            }
            case Rule.PenaltyRule r -> {
                list.add(r.omega());
                r.weight().ifPresent(list::add);
            }
            case Rule.DualRule r -> list.add(r.f());
            case Rule.HardConcrete r -> list.addAll(List.of(r.beta(), r.gamma(), r.zeta()));
            case Rule.MagnitudePruning r -> list.add(r.target());
            case Rule.VariationalDropout r -> {}
            case Rule.NoRegularization r -> {}
        }
        return list;
    }
}
