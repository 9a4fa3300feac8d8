package spd.compiler.report;

import spd.compiler.penalty.CheckRow;
import spd.compiler.penalty.ClassicalMatch;
import spd.compiler.penalty.DerivationState;
import spd.compiler.penalty.Dual;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.Property;
import spd.compiler.penalty.Reduction;
import spd.compiler.penalty.StageRecord;
import spd.compiler.penalty.Step;

/** A derivation's state after some stage, as plain text: what {@code spd derive --dump-after STAGE} prints. */
public final class StateDump {
    private StateDump() {}

    /** Every field the stages so far have filled, and the log of those stages with their steps. */
    public static String text(DerivationState state) {
        StringBuilder out = new StringBuilder();
        String last = state.log().isEmpty() ? "(none)" : state.log().getLast().id();
        out.append("state of ")
                .append(state.input().experimentName())
                .append(" after stage ")
                .append(last)
                .append('\n');
        out.append("rule: ").append(state.ruleDescription()).append('\n');
        int n = 1;
        for (StageRecord stage : state.log()) {
            out.append("stage ")
                    .append(stage.id())
                    .append(": ")
                    .append(stage.summary())
                    .append('\n');
            for (Step s : stage.steps()) {
                out.append(String.format("  %2d. %-22s %s%n", n++, "[" + s.rule() + "]", StepPrinter.textLine(s)));
            }
        }
        state.reduction()
                .ifPresent(r -> out.append("reduction: ").append(reduction(r)).append('\n'));
        state.penalty()
                .ifPresent(p -> out.append("penalty: ").append(penalty(p)).append('\n'));
        state.omegaT()
                .ifPresent(o -> out.append("Omega(t): ").append(o.toText()).append('\n'));
        state.integrandT()
                .ifPresent(g -> out.append("t/eta_hat(t): ").append(g.toText()).append('\n'));
        for (CheckRow r : state.checks()) {
            out.append("check: w = ")
                    .append(Numbers.format(r.w()))
                    .append(": ")
                    .append(Numbers.precise(r.value()))
                    .append(" against ")
                    .append(Numbers.precise(r.reference()))
                    .append(" (")
                    .append(r.referenceName())
                    .append(")\n");
        }
        state.dual().ifPresent(d -> out.append("dual: ").append(dual(d)).append('\n'));
        for (Property p : state.properties()) {
            out.append("property: ")
                    .append(p.statement())
                    .append(" (")
                    .append(p.method().label())
                    .append(")\n");
        }
        for (ClassicalMatch m : state.classical()) {
            out.append("classical: ")
                    .append(m.exact() ? "equals " : "resembles ")
                    .append(m.formula())
                    .append('\n');
        }
        state.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.toString();
    }

    private static String reduction(Reduction r) {
        return switch (r) {
            case Reduction.ToEta e ->
                "eta_hat(w) = " + e.etaW().toText()
                        + e.keepW().map(k -> ", keep(w) = " + k.toText()).orElse("") + ", keep scale "
                        + Numbers.format(e.keepScale());
            case Reduction.FromPenalty p ->
                "from the penalty Omega(t) = " + p.omegaT().toText() + ": eta_hat(w) = "
                        + p.etaW().toText();
            case Reduction.NumericDual d ->
                "eta_hat numerically from the dual"
                        + d.f().map(f -> " f(eta) = " + f.toText()).orElse(" (f' only)");
            case Reduction.VariationalDropout v ->
                "variational dropout (" + v.kl() + " KL) at lambda " + Numbers.format(v.lambda());
            case Reduction.HardConcrete h -> "hard-concrete gates at lambda " + Numbers.format(h.lambda());
            case Reduction.NoPenalty none -> "no per-weight penalty";
        };
    }

    private static String penalty(Penalty p) {
        return switch (p) {
            case Penalty.ClosedForm c -> "Omega(w) = " + c.omega().toText();
            case Penalty.Numeric n -> "numeric: " + n.method();
            case Penalty.Divergent d -> "divergent: " + d.explanation();
            case Penalty.NotSeparable s -> "not separable";
            case Penalty.None none -> "none";
        };
    }

    private static String dual(Dual d) {
        return switch (d) {
            case Dual.ClosedForm f -> "f(eta) = " + f.f().toText();
            case Dual.Numeric n -> "numeric: " + n.method();
            case Dual.Unavailable u -> "none (" + u.reason() + ")";
        };
    }
}
