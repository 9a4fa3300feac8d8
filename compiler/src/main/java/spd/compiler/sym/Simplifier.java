package spd.compiler.sym;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import spd.compiler.numeric.Deadline;

/** Applies named rewrites until a fixed point, recording which ones fired. */
public final class Simplifier {
    private static final int MAX_ROUNDS = 12;

    private Simplifier() {}

    /** The simplified expression and the names of the rules that changed it, in first-use order. */
    public record Result(Expr expr, List<String> rulesApplied) {}

    public static Result simplify(Expr e, Assumptions assumptions, List<Rewrite> rules) {
        Set<String> applied = new LinkedHashSet<>();
        Expr[] progress = {e};
        Expr simplified = Effort.bounded(
                "simplification", e, () -> fixedPoint(progress, assumptions, rules, applied), () -> progress[0]);
        return new Result(simplified, new ArrayList<>(applied));
    }

    /**
     * Applies the rules to progress[0] until nothing changes, keeping progress[0] up to date so that an abandoned run
     * still returns what it reached (every rule is an identity, so any intermediate form is correct).
     */
    private static Expr fixedPoint(Expr[] progress, Assumptions assumptions, List<Rewrite> rules, Set<String> applied) {
        Expr current = progress[0];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Expr before = current;
            for (Rewrite rule : rules) {
                Deadline.check();
                Expr next = rule.scope() == Rewrite.Scope.WHOLE
                        ? rule.apply(current, assumptions).orElse(current)
                        : bottomUp(current, rule, assumptions);
                if (!next.equals(current)) {
                    applied.add(rule.name());
                    current = next;
                    progress[0] = current;
                }
            }
            if (current.equals(before)) {
                break;
            }
        }
        return current;
    }

    /** Simplifies with the default normalisation rules ({@link Rewrites#NORMALIZE}). */
    public static Expr normalize(Expr e, Assumptions assumptions) {
        return simplify(e, assumptions, Rewrites.NORMALIZE).expr();
    }

    private static Expr bottomUp(Expr e, Rewrite rule, Assumptions assumptions) {
        Expr rebuilt = Structure.mapChildren(e, child -> bottomUp(child, rule, assumptions));
        Expr current = rebuilt;
        for (int i = 0; i < MAX_ROUNDS; i++) {
            Deadline.check();
            var next = rule.apply(current, assumptions);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        return current;
    }
}
