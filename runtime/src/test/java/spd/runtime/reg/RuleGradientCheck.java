package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Conv2d;
import spd.runtime.nn.ConvSpec;
import spd.runtime.nn.Dense;
import spd.runtime.nn.DenseSpec;
import spd.runtime.nn.ImageShape;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * Finite-difference check of a rule's gradients on one small linear layer (dense, or a conv layer): the objective is a fixed smooth
 * data loss of the layer's training output, sum(c * out) + sum(out^2)/2, plus the rule's {@link
 * LayerRegularizer#penalty()}, with the rule's noise frozen by rewinding the step's random stream before
 * every evaluation. Central differences in float32 are compared with the analytic gradients the hooks fill.
 */
final class RuleGradientCheck {
    private final WeightedLayer layer;
    private final LayerRegularizer rule;
    private final INDArray input;
    private final INDArray coefficients;
    private final RewindableStepContext step;

    RuleGradientCheck(Regularizer regularizer, int inputs, int outputs, int batch, long seed) {
        this(regularizer, inputs, outputs, batch, seed, 1000);
    }

    /** A check whose step context reports {@code trainingSetSize} examples (the N of variational dropout). */
    RuleGradientCheck(Regularizer regularizer, int inputs, int outputs, int batch, long seed, int trainingSetSize) {
        this(
                regularizer,
                Dense.initialised(new DenseSpec("fc1", inputs, outputs, Activation.NONE, true), seed),
                new long[] {batch, inputs},
                seed,
                trainingSetSize);
    }

    private RuleGradientCheck(
            Regularizer regularizer, WeightedLayer layer, long[] inputShape, long seed, int trainingSetSize) {
        this.layer = layer;
        this.rule = regularizer.attach(layer);
        layer.attach(rule);
        rule.initialise(seed + 1);
        SplittableRandom random = new SplittableRandom(seed + 2);
        this.input = gaussian(random, inputShape);
        this.coefficients = gaussian(random, layer.batchShape((int) inputShape[0]));
        this.step = new RewindableStepContext(seed + 3, trainingSetSize, 10, 1);
    }

    /**
     * A check on a conv layer of {@code filters} 3x3 kernels (stride 1, padding 1 so that border pixels count)
     * over a batch of {@code channels x side x side} images.
     */
    static RuleGradientCheck conv(
            Regularizer regularizer, int channels, int side, int filters, int batch, long seed, int trainingSetSize) {
        ConvSpec spec = new ConvSpec(
                "conv1",
                new ImageShape(channels, side, side),
                filters,
                Kernel.of(3).padding(1),
                Activation.NONE);
        return new RuleGradientCheck(
                regularizer,
                Conv2d.initialised(spec, seed),
                new long[] {batch, channels, side, side},
                seed,
                trainingSetSize);
    }

    private static INDArray gaussian(SplittableRandom random, long... shape) {
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c');
    }

    WeightedLayer layer() {
        return layer;
    }

    LayerRegularizer rule() {
        return rule;
    }

    /** The batch the objective is evaluated on. */
    INDArray input() {
        return input;
    }

    /** The step context (rewound before every evaluation). */
    RewindableStepContext step() {
        return step;
    }

    /** The objective at the current parameters, with the frozen noise. */
    double objective() {
        rule.beforeStep(step.rewind());
        INDArray out = layer.forwardTraining(input);
        double loss = 0;
        for (long i = 0; i < out.length(); i++) {
            double o = out.getDouble(i);
            loss += coefficients.getDouble(i) * o + 0.5 * o * o;
        }
        return loss + rule.penalty();
    }

    /** Runs one forward and backward pass, leaving the analytic gradients in every parameter. */
    void backward() {
        rule.beforeStep(step.rewind());
        INDArray out = layer.forwardTraining(input);
        INDArray gradOutput = coefficients.add(out);
        layer.backward(input, gradOutput, true);
    }

    /** Every parameter with a gradient the rule is responsible for: W and the rule's own. */
    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        all.add(layer.weight());
        all.addAll(rule.parameters());
        return all;
    }

    /**
     * Checks {@code samples} random entries of every parameter: |analytic - numeric| <= tolerance * (1 + |numeric|).
     */
    void check(int samples, double h, double tolerance) {
        backward();
        SplittableRandom random = new SplittableRandom(11);
        for (Parameter parameter : parameters()) {
            INDArray analytic = parameter.gradient().dup();
            for (int s = 0; s < samples; s++) {
                long index = random.nextLong(parameter.value().length());
                double numeric = numericDerivative(parameter.value(), index, h);
                double expected = analytic.getDouble(index);
                assertEquals(
                        numeric,
                        expected,
                        tolerance * (1 + Math.abs(numeric)),
                        () -> parameter.name() + "[" + index + "]");
            }
        }
    }

    private double numericDerivative(INDArray value, long index, double h) {
        double original = value.getDouble(index);
        value.putScalar(index, original + h);
        double up = objective();
        value.putScalar(index, original - h);
        double down = objective();
        value.putScalar(index, original);
        double actualStep = (float) (original + h) - (float) (original - h);
        return (up - down) / actualStep;
    }
}
