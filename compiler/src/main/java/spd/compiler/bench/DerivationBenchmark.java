package spd.compiler.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spd.compiler.driver.Frontend;
import spd.compiler.model.Experiment;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationInputs;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.PenaltyDeriver;

/**
 * Times the derivation of every example experiment's effective penalty, in one warm process, and for the
 * penalties computed numerically (variational dropout, hard concrete, the eta-trick) Omega at 200 points.
 */
public final class DerivationBenchmark {
    /** |w| = 0.025, 0.05, ..., 5: the 200 points of the target. */
    private static final double[] POINTS = java.util.stream.IntStream.rangeClosed(1, 200)
            .mapToDouble(i -> 0.025 * i)
            .toArray();

    private DerivationBenchmark() {}

    public static List<Timing> run(List<Path> files, int warmup, int samples) {
        List<Timing> timings = new ArrayList<>();
        for (Path file : files) {
            for (Experiment experiment : Frontend.run(file).experiments()) {
                var input = DerivationInputs.of(experiment);
                String name = file + " " + experiment.name();
                timings.add(Timing.of("derive " + name, warmup, samples, () -> PenaltyDeriver.derive(input)));
                Derivation derivation = PenaltyDeriver.derive(input);
                if (derivation.penalty() instanceof Penalty.Numeric) {
                    timings.add(Timing.of(
                            "omega200 " + name,
                            warmup,
                            samples,
                            () -> derivation.functions().omega(POINTS)));
                }
            }
        }
        return timings;
    }
}
