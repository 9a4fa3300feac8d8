package spd.compiler.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spd.runtime.bench.GemmRoofline;
import spd.runtime.data.DataLoader;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Dataset;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.train.StepTimer;

/**
 * Times the training step of compiled experiments on their own data (the best of several blocks after a
 * warm-up block: the machine is shared, so the best block is the least disturbed), and the sgemm rate at
 * each network's step shapes measured in the same process.
 */
public final class StepBenchmark {
    private final Path dataDirectory;
    private final Map<DataSpec, Dataset> data = new HashMap<>();
    private final Map<List<GemmRoofline.Product>, GemmRoofline.Rate> rooflines = new HashMap<>();

    /** A benchmark loading data from {@code dataDirectory} (null: the default MNIST directory). */
    public StepBenchmark(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** One experiment's result: its best block, the step's matrix-product FLOPs and the measured sgemm rate. */
    public record Row(
            BenchmarkedExperiment experiment, StepTimer.StepTiming best, double stepFlops, GemmRoofline.Rate roofline) {
        /** The step's matrix-product FLOPs per second. */
        public double flopsPerSecond() {
            return best.stepsPerSecond() * stepFlops;
        }

        /** The fraction of the measured sgemm rate the whole step sustains. */
        public double rooflineFraction() {
            return flopsPerSecond() / roofline.flopsPerSecond();
        }
    }

    /** The experiment's loaded data, shared by experiments that declare the same data. */
    public Dataset dataOf(BenchmarkedExperiment experiment) {
        return data.computeIfAbsent(experiment.experiment().data(), spec -> DataLoader.load(spec, dataDirectory));
    }

    /** Times {@code blocks} blocks of {@code steps} steps after one warm-up block. */
    public Row measure(BenchmarkedExperiment experiment, int steps, int blocks) {
        StepTimer timer = StepTimer.of(experiment.experiment(), dataOf(experiment));
        timer.time(steps);
        StepTimer.StepTiming best = null;
        for (int block = 0; block < blocks; block++) {
            StepTimer.StepTiming timing = timer.time(steps);
            if (best == null || timing.stepsPerSecond() > best.stepsPerSecond()) {
                best = timing;
            }
        }
        NetworkSpec network = experiment.experiment().network();
        int batch = experiment.experiment().training().batch();
        List<GemmRoofline.Product> products = GemmRoofline.trainingProducts(network, batch);
        GemmRoofline.Rate roofline = rooflines.computeIfAbsent(products, p -> GemmRoofline.measure(p, 5));
        return new Row(experiment, best, GemmRoofline.stepFlops(network, batch), roofline);
    }
}
