package spd.compiler.penalty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Parse;
import spd.compiler.sym.Rational;

/**
 * Speed of the derivation (docs/derivation.md records the numbers). Excluded from the default test run; run with
 * {@code mvn -pl compiler test -Dspd.excluded.test.groups=none -Dgroups=benchmark -Dtest=DerivationBenchmark}.
 * Targets: each closed-form derivation under 20 ms after warm-up; a numeric variational-dropout or hard-concrete
 * penalty at 200 points under 200 ms.
 */
@Tag("benchmark")
class DerivationBenchmark {
  private static final int WARM_UP = 15;
  private static final int RUNS = 15;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Median wall-clock and CPU milliseconds of one run; CPU time is steadier on a shared machine. */
  private record Timing(double wall, double cpu) {
    @Override
    public String toString() {
      return String.format("%8.2f ms wall %8.2f ms cpu", wall, cpu);
    }
  }

  private static Timing median(Supplier<?> work) {
    for (int i = 0; i < WARM_UP; i++) {
      work.get();
    }
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      work.get();
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      wall[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timing(wall[RUNS / 2], cpu[RUNS / 2]);
  }

  @Test
  void closedFormDerivations() {
    Map<String, Supplier<Derivation>> rules = new LinkedHashMap<>();
    rules.put("ridge (fixed keep 0.5)", () -> Inputs.keep(Rule.MaskKind.BERNOULLI, "0.5", null, "lambda", "1"));
    rules.put("lasso", () -> Inputs.eta("|w|", "lambda", "1"));
    rules.put("bridge p = 0.5", () -> Inputs.eta("|w|^(2 - p)", "p", "0.5", "lambda", "1"));
    rules.put("log-sum", () -> Inputs.eta("|w|*(|w| + eps)", "eps", "2", "lambda", "1e-3"));
    rules.put("log(w^2 + eps)", () -> Inputs.eta("(w^2 + eps)/2", "eps", "1", "lambda", "1"));
    rules.put("SCAD", () -> Inputs.eta(
        "piecewise { |w| if |w| < lambda, (a - 1)*lambda*|w|/(a*lambda - |w|) if |w| <= a*lambda, inf otherwise }",
        "a", "3.7", "lambda", "1"));
    rules.put("MCP", () -> Inputs.eta("piecewise { a*lambda*|w|/(a*lambda - |w|) if |w| < a*lambda, inf otherwise }",
        "a", "0.5", "lambda", "1.4142135623730951"));
    rules.put("standout (keep sigmoid)", () -> Inputs.keep(Rule.MaskKind.BERNOULLI, "sigmoid(|w|)", null,
        "lambda", "1"));
    rules.put("ARD (fixed c)", () -> Inputs.eta("(w^2 + sqrt(w^4 + 4*w^2/c))/2", "c", "1.3", "lambda", "1"));
    rules.put("AdaDrop log-sum (keep)", () -> Inputs.keep(Rule.MaskKind.BERNOULLI, "eta/(eta + lambda)",
        "|w|*(|w| + 2)", "lambda", "1e-3"));
    rules.put("AdaProx log-sum (keep)", () -> Inputs.keep(Rule.MaskKind.PROX, "eta/(eta + lr*lambda)",
        "|w|*(|w| + 2)", "lambda", "1e-3", "lr", "1e-4"));
    rules.put("reverse: SCAD penalty", () -> Inputs.penalty("piecewise { |w| if |w| < lambda, (2*a*lambda*|w| - w^2"
        + " - lambda^2)/(2*(a - 1)*lambda) if |w| <= a*lambda, (a + 1)*lambda/2 otherwise }", "a", "3.7", "lambda",
        "1"));
    rules.put("divergent cosh(w) - 1", () -> Inputs.eta("cosh(w) - 1", "lambda", "1"));
    rules.put("not monotone |w| exp(-|w|)", () -> Inputs.eta("|w|*exp(-|w|)", "lambda", "1"));
    System.out.println("closed-form derivations (median of " + RUNS + " after " + WARM_UP + " warm-up runs):");
    rules.forEach((name, rule) -> System.out.printf("  %-30s %s%n", name, median(rule)));
  }

  @Test
  void numericPenaltiesAt200Points() {
    double[] ws = new double[200];
    for (int i = 0; i < ws.length; i++) {
      ws[i] = 0.025 * (i + 1);
    }
    Map<String, Derivation> rules = new LinkedHashMap<>();
    rules.put("variational dropout, exact KL", PenaltyDeriver.derive(Inputs.of("vd", new Rule.VariationalDropout(
        Rule.KlForm.EXACT), "lambda", "1")));
    rules.put("variational dropout, approximate KL", PenaltyDeriver.derive(Inputs.of("vda",
        new Rule.VariationalDropout(Rule.KlForm.APPROXIMATE), "lambda", "1")));
    rules.put("hard concrete", PenaltyDeriver.derive(Inputs.of("hc", new Rule.HardConcrete(
        Expr.number(Rational.of(2, 3)), Parse.expr("-0.1"), Parse.expr("1.1")), "lambda", "1")));
    System.out.println("numeric penalties, Omega at 200 points (median of " + RUNS + "):");
    rules.forEach((name, d) -> System.out.printf("  %-36s %s%n", name, median(() -> d.functions().omega(ws))));
    System.out.println("the same on a fresh derivation each time (nothing cached):");
    System.out.printf("  %-36s %s%n", "variational dropout, exact KL", median(() -> PenaltyDeriver.derive(
        Inputs.of("vd", new Rule.VariationalDropout(Rule.KlForm.EXACT), "lambda", "1")).functions().omega(ws)));
    System.out.printf("  %-36s %s%n", "hard concrete", median(() -> PenaltyDeriver.derive(Inputs.of("hc",
        new Rule.HardConcrete(Expr.number(Rational.of(2, 3)), Parse.expr("-0.1"), Parse.expr("1.1")), "lambda",
        "1")).functions().omega(ws)));
  }
}
