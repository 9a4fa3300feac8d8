package spd.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.data.Dataset;
import spd.runtime.nn.Loss;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.LayerRegularizer;

/**
 * Records real training steps of an experiment (the trainer's own step) for a reference implementation in
 * another framework to replay and compare: the state before the first recorded step, and per step its
 * inputs (batch, learning rate, the random numbers the rules drew) and outputs (data loss, every
 * parameter's gradient, the parameters after the update and the rules' penalty at them).
 *
 * <p>Array names: {@code init/param/P}, {@code init/state/LAYER.NAME} (rule state), {@code
 * init/optimizer/KEY} and {@code init/optimizer_steps}; then for step k {@code stepK/x}, {@code stepK/y}
 * (class indices, or target rows for regression), {@code stepK/lr}, {@code stepK/draw/LAYER.NAME}, {@code
 * stepK/data_loss} (batch mean), {@code stepK/grad/P}, {@code stepK/param/P}, {@code stepK/state/LAYER.NAME}
 * (rule state after the step, e.g. the keep probability the masks were drawn with), {@code stepK/penalty}.
 */
public final class StepRecorder {
    private StepRecorder() {}

    /**
     * Trains {@code skip} steps unrecorded (epochs of shuffled batches, as a run does), then records {@code
     * steps} steps.
     */
    public static Map<String, INDArray> record(Experiment experiment, Dataset data, int skip, int steps) {
        Model model = new Model(experiment, data.train().size());
        TrainingData training =
                new TrainingData(data.train(), experiment.training().batch());
        StepRunner runner = new StepRunner(model, training);
        Map<String, INDArray> recording = new LinkedHashMap<>();
        long global = 0;
        int recorded = 0;
        for (int epoch = 0; recorded < steps; epoch++) {
            double lr = experiment.training().learningRate(epoch);
            List<INDArray> batches = runner.startEpoch(epoch, lr);
            for (int step = 0; step < batches.size() && recorded < steps; step++, global++) {
                if (global < skip) {
                    runner.step(step, lr);
                    continue;
                }
                if (recorded == 0) {
                    recordState(model, recording);
                }
                recordStep(model, runner, training, step, lr, "step" + recorded + "/", recording);
                recorded++;
            }
        }
        return recording;
    }

    private static void recordState(Model model, Map<String, INDArray> out) {
        for (Parameter parameter : model.parameters()) {
            out.put("init/param/" + parameter.name(), parameter.value().dup());
        }
        for (LayerRegularizer rule : model.regularizers()) {
            String layer = rule.layer().name();
            rule.state().forEach((name, array) -> out.put("init/state/" + layer + "." + name, array.dup()));
        }
        model.optimizer().snapshot().forEach((key, array) -> out.put("init/optimizer/" + key, array));
        out.put("init/optimizer_steps", Nd4j.scalar(model.optimizer().steps()));
    }

    private static void recordStep(
            Model model,
            StepRunner runner,
            TrainingData training,
            int step,
            double lr,
            String prefix,
            Map<String, INDArray> out) {
        INDArray batch = training.batches().get(step);
        int rows = batch.rows();
        int first = step * training.batchSize();
        out.put(prefix + "x", batch.dup());
        out.put(
                prefix + "y",
                targets(training, first, rows, model.network().spec().outputs()));
        out.put(prefix + "lr", Nd4j.scalar(lr));
        Loss.Score score = runner.step(step, lr);
        for (LayerRegularizer rule : model.regularizers()) {
            String layer = rule.layer().name();
            rule.randomDraws().forEach((name, array) -> out.put(prefix + "draw/" + layer + "." + name, array.dup()));
            rule.state().forEach((name, array) -> out.put(prefix + "state/" + layer + "." + name, array.dup()));
        }
        out.put(prefix + "data_loss", Nd4j.scalar(score.lossSum() / rows));
        for (Parameter parameter : model.parameters()) {
            out.put(prefix + "grad/" + parameter.name(), parameter.gradient().dup());
            out.put(prefix + "param/" + parameter.name(), parameter.value().dup());
        }
        double penalty = 0;
        for (LayerRegularizer rule : model.regularizers()) {
            penalty += rule.penalty();
        }
        out.put(prefix + "penalty", Nd4j.scalar(penalty));
    }

    /** The batch's class indices (int64), or its target rows for regression. */
    private static INDArray targets(TrainingData training, int first, int rows, int width) {
        int[] classes = training.shuffledClasses();
        if (classes != null) {
            long[] labels = new long[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = classes[first + r];
            }
            return Nd4j.createFromArray(labels);
        }
        float[] values = new float[rows * width];
        System.arraycopy(training.shuffledTargets(), first * width, values, 0, values.length);
        return Nd4j.create(values, new long[] {rows, width}, 'c').castTo(DataType.FLOAT);
    }
}
