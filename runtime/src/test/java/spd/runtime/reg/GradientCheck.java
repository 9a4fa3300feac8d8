package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.LossKind;
import spd.runtime.nn.Network;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * Finite-difference check of one training step: the analytic gradients a step leaves in every parameter
 * against central differences of the objective with this step's masks frozen.
 */
final class GradientCheck {
    static final int BATCH = 8;
    final Network network;
    /** The regularizer attached to each layer, in layer order. */
    final List<LayerRegularizer> rules = new ArrayList<>();

    final INDArray features;
    final float[] targets;
    final int[] classes;

    private GradientCheck(Network network, INDArray features, float[] targets, int[] classes) {
        this.network = network;
        this.features = features;
        this.targets = targets;
        this.classes = classes;
    }

    /** A 6-5-4-3 ReLU network with the rule on every layer and a random batch, for a loss kind. */
    static GradientCheck of(Regularizer rule, LossKind loss) {
        return of(
                rule,
                NetworkSpec.input(6)
                        .dense(5, Activation.RELU)
                        .dense(4, Activation.RELU)
                        .dense(3, Activation.NONE)
                        .loss(loss));
    }

    /**
     * A small LeNet: 2x6x6 images, a conv layer of three 3x3 kernels with ReLU, 2x2 max pooling, then dense
     * layers of 4 (ReLU) and 3 units; the rule on every layer with weights.
     */
    static GradientCheck ofConv(Regularizer rule, LossKind loss) {
        return of(
                rule,
                NetworkSpec.image(2, 6, 6)
                        .conv("conv1", 3, Kernel.of(3), Activation.RELU)
                        .maxPool(2)
                        .dense(4, Activation.RELU)
                        .dense(3, Activation.NONE)
                        .loss(loss));
    }

    private static GradientCheck of(Regularizer rule, NetworkSpec spec) {
        LossKind loss = spec.loss();
        Network network = Network.initialised(spec, 11);
        List<LayerRegularizer> rules = new ArrayList<>();
        for (WeightedLayer layer : network.layers()) {
            LayerRegularizer attached = rule == null ? new Unregularized(layer) : rule.attach(layer);
            layer.attach(attached);
            rules.add(attached);
        }
        SplittableRandom random = new SplittableRandom(5);
        int inputs = spec.inputs();
        float[] x = new float[BATCH * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextGaussian());
        }
        float[] y = new float[BATCH * 3];
        int[] classes = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            classes[r] = random.nextInt(3);
            if (loss == LossKind.CROSS_ENTROPY) {
                y[r * 3 + classes[r]] = 1f;
            } else {
                for (int k = 0; k < 3; k++) {
                    y[r * 3 + k] = (float) random.nextGaussian();
                }
            }
        }
        GradientCheck check = new GradientCheck(
                network,
                Nd4j.create(x, new long[] {BATCH, inputs}, 'c'),
                y,
                loss == LossKind.CROSS_ENTROPY ? classes : null);
        check.rules.addAll(rules);
        return check;
    }

    /** Runs the hooks before the step and the forward/backward pass, leaving analytic gradients in place. */
    void step(StepContext context) {
        for (LayerRegularizer rule : rules) {
            rule.beforeStep(context);
        }
        network.trainStep(features, targets, classes, 0);
    }

    /** The masks of this step, M = W_eff / W, per layer. */
    List<INDArray> frozenMasks() {
        List<INDArray> masks = new ArrayList<>();
        for (LayerRegularizer rule : rules) {
            masks.add(rule.trainingWeights().div(rule.layer().weights()));
        }
        return masks;
    }

    /** The batch-mean data loss with every layer's weights multiplied by its frozen mask. */
    double maskedDataLoss(List<INDArray> masks) {
        List<INDArray> weights = new ArrayList<>();
        for (int k = 0; k < masks.size(); k++) {
            weights.add(network.layers().get(k).weights().mul(masks.get(k)));
        }
        return network.evaluate(weights, features, targets, classes).lossSum() / BATCH;
    }

    /**
     * Checks every parameter's analytic gradient (already computed by {@link #step}) against central
     * differences of {@code objective}, to an absolute tolerance plus a relative one.
     */
    void assertGradientsMatch(ToDoubleFunction<GradientCheck> objective) {
        double h = 1e-3;
        int checked = 0;
        int kinks = 0;
        for (WeightedLayer layer : network.layers()) {
            for (Parameter parameter : List.of(layer.weight(), layer.bias())) {
                INDArray analytic = parameter.gradient().dup();
                INDArray value = parameter.value();
                for (int i = 0; i < value.length(); i++) {
                    double numeric = centralDifference(objective, value, i, h);
                    double expected = analytic.getDouble(i);
                    double tolerance = 2e-3 + 2e-2 * Math.abs(numeric);
                    if (Math.abs(numeric - centralDifference(objective, value, i, h / 4)) > tolerance) {
                        kinks++; // a ReLU changed sides within +-h: the objective is not differentiable enough here
                        continue;
                    }
                    assertEquals(
                            numeric,
                            expected,
                            tolerance,
                            parameter.name() + "[" + i + "]: finite difference " + numeric + " vs analytic "
                                    + expected);
                    checked++;
                }
            }
        }
        assertTrue(checked > 60 && kinks <= 3, "checked " + checked + " entries, skipped " + kinks + " at kinks");
    }

    private double centralDifference(ToDoubleFunction<GradientCheck> objective, INDArray value, int i, double h) {
        float original = value.getFloat(i);
        value.putScalar(i, original + h);
        double plus = objective.applyAsDouble(this);
        value.putScalar(i, original - h);
        double minus = objective.applyAsDouble(this);
        value.putScalar(i, original);
        return (plus - minus) / (2 * h);
    }
}
