package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * Everything a derivation knows after some of its stages, immutable: each stage returns a new state with what it
 * added. Fields a stage has not reached yet are empty.
 *
 * @param input what is derived
 * @param ruleDescription the kind of rule in words, once the rule is read
 * @param log the record of every stage run so far, in order
 * @param notes remarks for the reader, in the order they arose
 * @param reduction what the rule reduces to (stage {@code reduce})
 * @param penalty the effective penalty (stage {@code integrate}; a closed form is confirmed by stage {@code check})
 * @param omegaT the closed-form Omega in t, when there is one (for the dual)
 * @param integrandT t/eta_hat(t) simplified, when eta_hat is known in closed form
 * @param functions the numeric evaluation of Omega, eta_hat, keep and f
 * @param checks the numeric cross-check of Omega (stage {@code check})
 * @param dual the dual f(eta) (stage {@code dual})
 * @param properties the properties (stage {@code properties})
 * @param classical the classical penalties it equals or resembles (stage {@code classical})
 */
public record DerivationState(
        DerivationInput input,
        String ruleDescription,
        List<StageRecord> log,
        List<String> notes,
        Optional<Reduction> reduction,
        Optional<Penalty> penalty,
        Optional<Expr> omegaT,
        Optional<Expr> integrandT,
        Optional<PenaltyFunctions> functions,
        List<CheckRow> checks,
        Optional<Dual> dual,
        List<Property> properties,
        List<ClassicalMatch> classical) {

    public DerivationState {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ruleDescription, "ruleDescription");
        log = List.copyOf(log);
        notes = List.copyOf(notes);
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(omegaT, "omegaT");
        Objects.requireNonNull(integrandT, "integrandT");
        Objects.requireNonNull(functions, "functions");
        checks = List.copyOf(checks);
        Objects.requireNonNull(dual, "dual");
        properties = List.copyOf(properties);
        classical = List.copyOf(classical);
    }

    /** The state before any stage, with the notes the input already calls for. */
    static DerivationState initial(DerivationInput input, List<String> notes) {
        return new DerivationState(
                input,
                "",
                List.of(),
                notes,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                List.of());
    }

    /** Constant values and symbol ranges of the input, for the stages. */
    Context context() {
        return new Context(input);
    }

    /** The reduction; a stage after {@code reduce} may rely on it. */
    public Reduction requireReduction() {
        return reduction.orElseThrow(() -> new IllegalStateException("the rule has not been reduced yet"));
    }

    /** The penalty; a stage after {@code integrate} may rely on it. */
    public Penalty requirePenalty() {
        return penalty.orElseThrow(() -> new IllegalStateException("Omega has not been integrated yet"));
    }

    /** The numeric functions; a stage after {@code check} may rely on them. */
    public PenaltyFunctions requireFunctions() {
        return functions.orElseThrow(() -> new IllegalStateException("no numeric functions yet"));
    }

    /** Every step so far, across stages. */
    public List<Step> steps() {
        return log.stream().flatMap(r -> r.steps().stream()).toList();
    }

    /** The state with one more stage record. */
    DerivationState logged(StageRecord record) {
        List<StageRecord> l = new ArrayList<>(log);
        l.add(record);
        return new DerivationState(
                input,
                ruleDescription,
                l,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                dual,
                properties,
                classical);
    }

    /** The state with more notes, after those it has. */
    DerivationState withNotes(List<String> more) {
        List<String> n = new ArrayList<>(notes);
        n.addAll(more);
        return new DerivationState(
                input,
                ruleDescription,
                log,
                n,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                dual,
                properties,
                classical);
    }

    DerivationState withReduction(String description, Reduction value) {
        return new DerivationState(
                input,
                description,
                log,
                notes,
                Optional.of(value),
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                dual,
                properties,
                classical);
    }

    /** The state with a penalty and, when it is in closed form, Omega in t. */
    DerivationState withPenalty(Penalty value, Optional<Expr> closedFormT) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                Optional.of(value),
                closedFormT,
                integrandT,
                functions,
                checks,
                dual,
                properties,
                classical);
    }

    DerivationState withIntegrand(Expr value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                Optional.of(value),
                functions,
                checks,
                dual,
                properties,
                classical);
    }

    DerivationState withFunctions(PenaltyFunctions value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                Optional.of(value),
                checks,
                dual,
                properties,
                classical);
    }

    DerivationState withChecks(List<CheckRow> value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                value,
                dual,
                properties,
                classical);
    }

    DerivationState withDual(Dual value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                Optional.of(value),
                properties,
                classical);
    }

    DerivationState withProperties(List<Property> value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                dual,
                value,
                classical);
    }

    DerivationState withClassical(List<ClassicalMatch> value) {
        return new DerivationState(
                input,
                ruleDescription,
                log,
                notes,
                reduction,
                penalty,
                omegaT,
                integrandT,
                functions,
                checks,
                dual,
                properties,
                value);
    }

    /** The finished derivation; every stage must have run. */
    Derivation toDerivation() {
        Reduction r = requireReduction();
        Optional<Expr> etaHat = switch (r) {
            case Reduction.ToEta e -> Optional.of(e.etaW());
            case Reduction.FromPenalty p -> Optional.of(p.etaW());
            case Reduction.NumericDual n -> Optional.empty();
            case Reduction.VariationalDropout v -> Optional.empty();
            case Reduction.HardConcrete h -> Optional.empty();
            case Reduction.NoPenalty n -> Optional.empty();
        };
        Optional<Expr> keep = switch (r) {
            case Reduction.ToEta e -> e.keepW();
            case Reduction.FromPenalty p -> Optional.of(p.keepW());
            case Reduction.NumericDual n -> Optional.empty();
            case Reduction.VariationalDropout v -> Optional.empty();
            case Reduction.HardConcrete h -> Optional.empty();
            case Reduction.NoPenalty n -> Optional.empty();
        };
        return new Derivation(
                input,
                ruleDescription,
                log,
                etaHat,
                keep,
                requirePenalty(),
                dual.orElseThrow(() -> new IllegalStateException("no dual yet")),
                properties,
                checks,
                classical,
                notes,
                requireFunctions());
    }
}
