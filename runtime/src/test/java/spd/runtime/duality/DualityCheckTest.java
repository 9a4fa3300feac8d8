package spd.runtime.duality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.examples.LinearAdaDropLogSum;
import spd.runtime.train.RunOptions;
import spd.runtime.train.RunResult;
import spd.runtime.train.RunStatus;
import spd.runtime.train.Trainer;

/** The duality check: supports, the report file, and adaptive dropout reaching the IRLS support. */
class DualityCheckTest {

    @Test
    void supportsAndTheirOverlap() {
        BitSet a = Support.of(new double[] {0.2, -0.001, -3, 0}, 0.01);
        BitSet b = Support.of(new double[] {0.0, 0.5, -1, 0}, 0.01);
        assertEquals(BitSet.valueOf(new long[] {0b101}), a);
        assertEquals(1.0 / 3, Support.jaccard(a, b), 1e-12);
        assertEquals(1, Support.jaccard(new BitSet(), new BitSet()));
    }

    /**
     * Adaptive scaled-Bernoulli DropConnect with the log-sum eta (lambda 0.1, eps 0.5) on n = 200, d = 50, five
     * true weights, noise 0.1, trained by Adam (3e-3, linear decay, 200 epochs of 40 batches of 5), reaches the
     * support of IRLS for lambda log(1 + |w|/eps), which is also the true support, with weights within 5%.
     */
    @Test
    void adaptiveDropoutReachesTheIrlsLogSumSupport() {
        Experiment declared = new LinearAdaDropLogSum().experiment();
        Capturing capture = new Capturing(declared.regularizer("fc1"));
        Experiment experiment = new Experiment(
                declared.name(),
                declared.data(),
                declared.network(),
                Map.of("fc1", capture),
                declared.training(),
                declared.pruning(),
                declared.constants());
        RunResult result = Trainer.run(experiment, RunOptions.quiet());
        assertEquals(RunStatus.COMPLETED, result.status());

        LinearAdaDropLogSum declaration = new LinearAdaDropLogSum();
        DualityReport report = DualityCheck.compare(
                LinearAdaDropLogSum.DATA,
                declaration.lambda(),
                declaration::etaHat,
                capture.layers().get(0).weights(),
                DualityCheck.Options.defaults()
                        .withSupportThreshold(LinearAdaDropLogSum.SUPPORT_THRESHOLD)
                        .withDataFactor(declaration.dataFactor()));
        System.out.println(report.summary());
        assertTrue(report.irlsConverged());
        assertEquals(5, report.trueSupport());
        assertEquals(5, report.irlsSupport());
        assertEquals(1.0, report.jaccardIrlsTrue());
        assertEquals(1.0, report.jaccardDropoutIrls(), report.summary());
        assertTrue(report.relativeDistance() < 0.05, report.summary());
        assertEquals(report.irlsLoss(), report.dropoutLoss(), 0.1 * report.irlsLoss(), report.summary());
    }

    @Test
    void writesTheReportAsJsonInTheRunDirectory(@TempDir Path directory) throws IOException {
        LinearProblem problem = LinearProblem.generated(LinearAdaDropLogSum.DATA);
        Irls.Solution irls = Irls.solve(
                problem,
                LinearAdaDropLogSum.LAMBDA,
                LinearAdaDropLogSum::eta,
                DataFactor.COLUMN_MEAN_SQUARE,
                1000,
                1e-12);
        DualityReport report = DualityCheck.report(
                problem, LinearAdaDropLogSum.LAMBDA, DualityCheck.Options.defaults(), irls, problem.trueWeights());
        Path file = report.write(directory);
        assertEquals(directory.resolve("duality.json"), file);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), Map.class);
        assertEquals(0.1, json.get("lambda"));
        assertEquals("COLUMN_MEAN_SQUARE", json.get("data_factor"));
        assertEquals(5, json.get("true_support"));
        assertEquals(1.0, json.get("jaccard_dropout_true"));
        assertEquals(50, ((java.util.List<?>) json.get("irls_weights")).size());
    }

    @Test
    void saysWhatItNeedsWhenTheWeightsDoNotFitTheData() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DualityCheck.compare(
                        LinearAdaDropLogSum.DATA,
                        0.1,
                        LinearAdaDropLogSum::eta,
                        Nd4j.zeros(3, 1),
                        DualityCheck.Options.defaults()));
        assertTrue(e.getMessage().contains("the 50 weights of the single linear layer"), e.getMessage());
    }
}
