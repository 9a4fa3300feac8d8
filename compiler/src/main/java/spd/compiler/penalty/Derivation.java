package spd.compiler.penalty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * The derivation of one experiment's effective penalty: its stages with their steps (each naming its rule), the
 * result, its dual, its properties with their reasons, a numeric cross-check and the functions that evaluate it.
 *
 * @param input what was derived
 * @param ruleDescription the kind of rule in words, e.g. "adaptive reweighting eta(w) with a scaled-Bernoulli mask"
 * @param stages what each stage of the derivation did, in order, with its steps
 * @param etaHat the adaptive reweighting eta_hat(w) in closed form, when known
 * @param keep the keep probability as a function of w in closed form, when known
 * @param penalty the effective penalty Omega(w)
 * @param dual the dual f(eta)
 * @param properties the properties with their reasons
 * @param checks the numeric cross-check of Omega
 * @param classical the classical penalties it equals or resembles, best first
 * @param notes remarks for the reader (conventions, approximations, things that could not be decided)
 * @param functions numeric evaluation at the input's constant values
 */
public record Derivation(
        DerivationInput input,
        String ruleDescription,
        List<StageRecord> stages,
        Optional<Expr> etaHat,
        Optional<Expr> keep,
        Penalty penalty,
        Dual dual,
        List<Property> properties,
        List<CheckRow> checks,
        List<ClassicalMatch> classical,
        List<String> notes,
        PenaltyFunctions functions) {

    public Derivation {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ruleDescription, "ruleDescription");
        stages = List.copyOf(stages);
        Objects.requireNonNull(etaHat, "etaHat");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(dual, "dual");
        properties = List.copyOf(properties);
        checks = List.copyOf(checks);
        classical = List.copyOf(classical);
        notes = List.copyOf(notes);
        Objects.requireNonNull(functions, "functions");
    }

    /** Every step of the derivation, across its stages. */
    public List<Step> steps() {
        return stages.stream().flatMap(s -> s.steps().stream()).toList();
    }

    /** The property with this name, if the derivation decided it. */
    public Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
