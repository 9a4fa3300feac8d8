package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spd.compiler.numeric.Oracle.assertPrinted;

import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of the numeric library, excluded from the default test run. Run with
 * {@code mvn -pl compiler test -Dspd.excluded.test.groups=none -Dgroups=benchmark -Dtest=NumericBenchmarkTest}.
 * Each case is warmed up, then timed as the median of several repetitions, and asserts that what it timed is right
 * (the timings are printed, never asserted: speed targets live in docs/performance.md). The oracle table is asserted
 * against theory.md §6; the default run asserts the same oracles in VariationalDropoutTest, NumericPenaltyTest and
 * HardConcreteTest.
 */
@Tag("benchmark")
class NumericBenchmarkTest {

    private static final int WARM_UP = 20;
    private static final int REPETITIONS = 15;

    /** The figure's grid: 200 points of logspace(-2, log10 5). */
    private static double[] figureGrid(int n) {
        double[] ws = new double[n];
        for (int i = 0; i < n; i++) {
            ws[i] = Math.pow(10, -2 + (Math.log10(5) + 2) * i / (n - 1));
        }
        return ws;
    }

    private static double medianMillis(Supplier<?> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        double[] times = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[REPETITIONS / 2];
    }

    @Test
    void variationalDropoutOmegaAt200Points() {
        double[] ws = figureGrid(200);
        VariationalDropout exact = VariationalDropout.exact(1, 1, Tolerance.DEFAULT);
        VariationalDropout approximate = VariationalDropout.approximate(1, 1, Tolerance.DEFAULT);
        double vectorised = medianMillis(() -> exact.omega(ws));
        double pointwise = medianMillis(() -> {
            double sum = 0;
            for (double w : ws) {
                sum += exact.omega(w).value();
            }
            return sum;
        });
        double approximateVectorised = medianMillis(() -> approximate.omega(ws));
        System.out.printf(
                "VD exact Omega, 200 points: vectorised %.2f ms, pointwise %.2f ms; approx KL %.2f ms%n",
                vectorised, pointwise, approximateVectorised);
        Estimate[] omegas = exact.omega(ws);
        for (int i = 0; i < ws.length; i += 20) {
            assertEquals(exact.omega(ws[i]).value(), omegas[i].value(), 1e-9 * omegas[i].value(), "w = " + ws[i]);
        }
    }

    @Test
    void dawsonEvaluations() {
        int n = 1_000_000;
        double millis = medianMillis(() -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Dawson.value(0.5 + 49.5 * i / n);
            }
            return sum;
        });
        System.out.printf("Dawson: %.1f ns per evaluation (x in [0.5, 50], Rybicki region)%n", millis * 1e6 / n);
        // D(x) ~ 1/(2x) + 1/(4x^3) for large x; D(0.5) = 0.4244363835 (Abramowitz & Stegun table 7.5).
        assertEquals(0.4244363835, Dawson.value(0.5), 1e-9);
        assertEquals(1 / 100.0 + 1 / (4 * 50.0 * 50 * 50), Dawson.value(50), 1e-8);
    }

    @Test
    void hardConcreteOmegaAt200Points() {
        double[] ws = figureGrid(200);
        HardConcrete gates = HardConcrete.standard(1);
        double millis = medianMillis(() -> {
            double sum = 0;
            for (double w : ws) {
                sum += gates.omega(w).value();
            }
            return sum;
        });
        long start = System.nanoTime();
        HardConcrete.standard(1).omega(0.1);
        double firstCall = (System.nanoTime() - start) / 1e6;
        System.out.printf(
                "hard concrete Omega, 200 points: %.1f ms (first call, building the ln a grid: %.1f ms)%n",
                millis, firstCall);
        for (double w : ws) {
            double omega = gates.omega(w).value();
            assertTrue(omega > 0 && omega <= 0.5, "Omega(" + w + ") = " + omega + ", bounded by 1/2 (theory 3 row 11)");
        }
    }

    @Test
    void numericPenaltyOmegaAndDual() {
        double[] ws = figureGrid(200);
        NumericPenalty logSum = NumericPenalty.of(t -> t * (t + 2));
        NumericPenalty mcp = NumericPenalty.of(t -> t < 0.7071 ? 0.7071 * t / (0.7071 - t) : Double.POSITIVE_INFINITY);
        for (NumericPenalty penalty : new NumericPenalty[] {logSum, mcp}) {
            double omega = medianMillis(() -> {
                double sum = 0;
                for (double w : ws) {
                    sum += penalty.omega(w).value();
                }
                return sum;
            });
            double dual = medianMillis(() -> penalty.dual(1.7).value());
            long start = System.nanoTime();
            NumericPenalty fresh = NumericPenalty.of(t -> t * (t + 2));
            fresh.dual(1);
            double firstDual = (System.nanoTime() - start) / 1e6;
            System.out.printf(
                    "NumericPenalty %s: Omega at 200 points %.2f ms, one dual f(eta) %.3f ms "
                            + "(first dual, with the Omega table: %.1f ms)%n",
                    penalty == logSum ? "log-sum" : "MCP", omega, dual, firstDual);
            assertTrue(penalty.dual(1.7).converged(), penalty.dual(1.7).toString());
        }
    }

    @Test
    void quadratureEvaluationCounts() {
        /** One integrand with its exact integral. */
        record Case(String name, java.util.function.DoubleUnaryOperator f, double a, double b, double exact) {}
        Case[] cases = {
            new Case("1/(t+2) on [0,1]", t -> 1 / (t + 2), 0, 1, Math.log(1.5)),
            new Case("t^-0.5 on [0,1]", t -> 1 / Math.sqrt(t), 0, 1, 2),
            new Case("t^-0.9 on [0,1]", t -> Math.pow(t, -0.9), 0, 1, 10),
            new Case("ln t on [0,1]", Math::log, 0, 1, -1),
            new Case("|t-0.3| on [0,1]", t -> Math.abs(t - 0.3), 0, 1, 0.29),
            new Case("exp(-t) on [0,inf)", t -> Math.exp(-t), 0, Double.POSITIVE_INFINITY, 1),
            new Case("1/(1+t^2) on [0,inf)", t -> 1 / (1 + t * t), 0, Double.POSITIVE_INFINITY, Math.PI / 2)
        };
        System.out.println("| integrand | evaluations | estimated error | actual error |");
        System.out.println("|---|---|---|---|");
        for (Case c : cases) {
            Integral integral = Double.isInfinite(c.b)
                    ? Quadrature.integrateToInfinity(c.f, c.a)
                    : Quadrature.integrate(c.f, c.a, c.b);
            double actual = Math.abs(integral.value() - c.exact);
            System.out.printf(
                    "| %s | %d | %.1e | %.1e |%n", c.name, integral.evaluations(), integral.errorEstimate(), actual);
            assertTrue(
                    actual <= Math.max(integral.errorEstimate(), 1e-12 * Math.abs(c.exact)),
                    c.name + ": the error estimate " + integral.errorEstimate() + " bounds the actual error " + actual);
        }
        Integral smooth = Quadrature.integrateSmooth(t -> 1 / (t + 2), 0, 1, Tolerance.DEFAULT);
        System.out.printf(
                "| 1/(t+2) on [0,1], integrateSmooth | %d | %.1e | %.1e |%n",
                smooth.evaluations(), smooth.errorEstimate(), Math.abs(smooth.value() - Math.log(1.5)));
        assertEquals(Math.log(1.5), smooth.value(), 1e-12);
    }

    @Test
    void oracleDeviations() {
        VariationalDropout exact = VariationalDropout.exact(1, 1, Tolerance.DEFAULT);
        VariationalDropout approximate = VariationalDropout.approximate(1, 1, Tolerance.DEFAULT);
        double[] etas = {0.01, 0.1, 1, 10, 100, 1000};
        String[] exactF = {"0.0099834", "0.0983553", "0.8533712", "3.4482757", "5.8653778", "8.1771166"};
        String[] approxF = {"0.0101577", "0.1016443", "0.8624779", "3.4469051", "5.8779118", "8.1799884"};
        System.out.println("| quantity | oracle | computed | estimated error |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < etas.length; i++) {
            row("exact f(" + etas[i] + ")", exactF[i], exact.dual(etas[i]));
            row("approx f(" + etas[i] + ")", approxF[i], approximate.dual(etas[i]));
        }
        double[] ws = {0.01, 0.1, 1, 5};
        String[] omega = {"0.009992", "0.099164", "0.913595", "2.722652"};
        String[] etaHat = {"0.010017", "0.101704", "1.213898", "23.8336"};
        String[] approxOmega = {"0.010078", "0.100822", "0.917398", "2.731280"};
        for (int i = 0; i < ws.length; i++) {
            row("exact Omega(" + ws[i] + ")", omega[i], exact.omega(ws[i]));
            row("exact eta_hat(" + ws[i] + ")", etaHat[i], exact.etaHat(ws[i]));
            row("approx Omega(" + ws[i] + ")", approxOmega[i], approximate.omega(ws[i]));
        }
        NumericPenalty logSum = NumericPenalty.of(t -> t * (t + 2));
        row("log-sum Omega(3)", "0.916291", logSum.omega(3));
        row("log-sum f(10) + 2 ln 2", "2.388273", logSum.dual(10).plus(Estimate.exact(2 * Math.log(2))));
        NumericPenalty log2Sum = NumericPenalty.of(t -> (t * t + 1) / 2);
        row("log2sum f(0.25)", "0", log2Sum.dual(0.25));
        row("log2sum f(3)", "1.916852", log2Sum.dual(3));
        HardConcrete gates = HardConcrete.standard(1);
        row("hard concrete Omega(0.01)/0.01", "1.47", gates.omega(0.01).times(100));
        row("hard concrete Omega(0.7)", "0.5", gates.omega(0.7));
    }

    /** Prints one row of the oracle table and asserts it to the digits theory.md §6 prints. */
    private static void row(String what, String oracle, Estimate computed) {
        System.out.printf(
                "| %s | %s | %.10g | %.1e%s |%n",
                what, oracle, computed.value(), computed.error(), computed.converged() ? "" : " " + computed.outcome());
        assertPrinted(oracle, computed, what);
    }
}
