package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spd.compiler.sym.Expr;

/**
 * Every derivation finishes within its bound (2 s of CPU time), on the rules that used to hang spd derive and on
 * random rules, and prints numbers: no value or property of a random rule is NaN without a reason.
 */
class BoundedTimeTest {
    /** The bound on one derivation, in CPU seconds (the symbolic part is abandoned after 1 s). */
    private static final double BOUND_SECONDS = 2;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Timed(Derivation derivation, double seconds) {}

    private static Timed timed(Supplier<Derivation> derivation) {
        long start = THREADS.getCurrentThreadCpuTime();
        Derivation d = derivation.get();
        return new Timed(d, (THREADS.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /** theory.md section 3, row 12: ARD with c held fixed. */
    private static double ardOmega(double w, double c) {
        return c / 4 * (w * Math.sqrt(w * w + 4 / c) - w * w)
                + Math.log((w + Math.sqrt(w * w + 4 / c)) * Math.sqrt(c) / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "2", "4"})
    void ardPenaltyInTheReverseDirectionFinishesWithTheRightValues(String c) {
        Timed run = timed(() -> Inputs.penalty(
                "c/4*(|w|*sqrt(w^2 + 4/c) - w^2) + log((|w| + sqrt(w^2 + 4/c))*sqrt(c)/2)", "c", c, "lambda", "1"));
        assertTrue(run.seconds() < BOUND_SECONDS, "ARD c = " + c + " took " + run.seconds() + " s");
        double cValue = Double.parseDouble(c);
        for (double w : new double[] {0.01, 0.1, 1, 3, 30}) {
            assertEquals(
                    ardOmega(w, cValue),
                    run.derivation().functions().omega(w).value(),
                    1e-12 * (1 + ardOmega(w, cValue)),
                    "Omega(" + w + ")");
            double eta = (w * w + Math.sqrt(w * w * w * w + 4 * w * w / cValue)) / 2;
            assertEquals(eta, run.derivation().functions().etaHat(w), 1e-9 * eta, "eta_hat(" + w + ")");
        }
    }

    @Test
    void keepProbabilityAboveOneEndsWithAClearError() {
        // issue 15's reproducer: keep = max(|w|, 2) is not a probability; deriving it used to hang, now it ends at once
        // with a message saying where the rule fails.
        long start = THREADS.getCurrentThreadCpuTime();
        DerivationException e = assertThrows(
                DerivationException.class,
                () -> Inputs.keep(Rule.MaskKind.BERNOULLI, "max(|w|, 2)", null, "lambda", "1"));
        double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
        assertTrue(seconds < BOUND_SECONDS, "took " + seconds + " s");
        assertTrue(
                e.getMessage().contains("is negative at |w| = 1e-8; an adaptive reweighting must be positive"),
                e.getMessage());
    }

    @Test
    void randomRulesFinishWithinTheBoundAndPrintNumbers() {
        RandomRules rules = new RandomRules(14);
        List<String> slow = new ArrayList<>();
        List<String> crashed = new ArrayList<>();
        List<String> notANumber = new ArrayList<>();
        int derived = 0;
        for (int i = 0; i < 60; i++) {
            Expr e = rules.expression(4);
            String[] constants = rules.constants();
            boolean reverse = i % 3 == 2;
            Rule rule = reverse ? new Rule.PenaltyRule(e, Optional.empty()) : new Rule.EtaRule(e);
            String name = (reverse ? "penalty " : "eta ") + e.toText() + " " + String.join(",", constants);
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                Derivation d = PenaltyDeriver.derive(Inputs.of("fuzz" + i, rule, constants));
                derived++;
                notANumber.addAll(unexplainedNaN(d).stream()
                        .map(what -> name + ": " + what)
                        .toList());
            } catch (DerivationException userError) {
                // A rule spd rejects with a message (a negative reweighting, say) is fine; what matters is that it
                // ends.
            } catch (RuntimeException internal) {
                crashed.add(name + " threw " + internal + " at " + internal.getStackTrace()[0]);
            }
            double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
            if (seconds >= BOUND_SECONDS) {
                slow.add(String.format("%.2f s: %s", seconds, name));
            }
        }
        assertTrue(crashed.isEmpty(), "internal errors: " + String.join("\n", crashed));
        assertTrue(slow.isEmpty(), "derivations over " + BOUND_SECONDS + " s: " + slow);
        assertTrue(notANumber.isEmpty(), "NaN without a reason: " + String.join("\n", notANumber));
        assertTrue(derived >= 40, "only " + derived + " of 60 random rules derived");
    }

    /** The values and properties a report would print as NaN without saying why. */
    private static List<String> unexplainedNaN(Derivation d) {
        List<String> problems = new ArrayList<>();
        for (double w : new double[] {0.01, 0.1, 1, 3, 10, 100}) {
            var omega = d.functions().omega(w);
            if (Double.isNaN(omega.value()) && omega.message().isEmpty()) {
                problems.add("Omega(" + w + ")");
            }
            if (Double.isNaN(d.functions().etaHat(w))) {
                problems.add("eta_hat(" + w + ")");
            }
            var dual = d.functions().dual(w);
            if (Double.isNaN(dual.value()) && dual.message().isEmpty()) {
                problems.add("f(" + w + ")");
            }
        }
        for (Property p : d.properties()) {
            if ((p.statement() + p.reason()).contains("NaN")) {
                problems.add("property " + p.name() + ": " + p.statement());
            }
        }
        return problems;
    }
}
