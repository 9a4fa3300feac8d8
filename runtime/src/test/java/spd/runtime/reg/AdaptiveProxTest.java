package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Dense;
import spd.runtime.nn.DenseSpec;
import spd.runtime.nn.Parameter;
import spd.runtime.optim.Adam;
import spd.runtime.optim.OptimizerSpec;

/** The adaptive prox shrinks W by exactly keep(W, step) with the declared step size. */
class AdaptiveProxTest {
    private static final double LAMBDA = 0.3;

    private static INDArray keep(INDArray w, INDArray step) {
        INDArray absW = Transforms.abs(w, true);
        INDArray eta = absW.add(2).muli(absW);
        return eta.div(step.mul(LAMBDA).addi(eta));
    }

    private static double expected(double w, double step) {
        double eta = Math.abs(w) * (Math.abs(w) + 2);
        return w * eta / (eta + step * LAMBDA);
    }

    @Test
    void plainProxUsesTheLearningRate() {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 4, 3, Activation.NONE, true), 2);
        float[] before = layer.weights().data().asFloat();
        LayerRegularizer prox =
                Regularizers.prox(AdaptiveProxTest::keep, ProxScale.PLAIN).attach(layer);
        prox.afterUpdate(new TestStepContext(1, 0.5));
        float[] after = layer.weights().data().asFloat();
        for (int i = 0; i < before.length; i++) {
            before[i] = (float) expected(before[i], 0.5);
        }
        assertArrayEquals(before, after, 1e-6f);
    }

    @Test
    void adamScaledProxUsesLrOverSqrtVhatPlusEps() {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 4, 3, Activation.NONE, true), 2);
        Parameter weight = layer.weight();
        Adam adam = new Adam(OptimizerSpec.adam(0.01), List.of(weight));
        float[] gradient = {0.5f, -0.2f, 0f, 1e-3f, 2f, -1f, 0.3f, 0f, 0.1f, -0.4f, 0.25f, 0.05f};
        weight.gradient().assign(Nd4j.create(gradient, new long[] {4, 3}, 'c'));
        adam.update(List.of(weight), 0.01);
        float[] before = layer.weights().data().asFloat();
        LayerRegularizer prox =
                Regularizers.prox(AdaptiveProxTest::keep, ProxScale.OPTIMIZER).attach(layer);
        prox.afterUpdate(adamContext(adam, 0.01));
        float[] after = layer.weights().data().asFloat();
        for (int i = 0; i < before.length; i++) {
            // After one step v_hat = g^2; where g = 0 the step is lr/eps, large but finite (the reference divides by
            // 0).
            double step = 0.01 / (Math.abs(gradient[i]) + 1e-8);
            before[i] = (float) expected(before[i], step);
        }
        assertArrayEquals(before, after, 1e-5f);
    }

    private static StepContext adamContext(Adam adam, double lr) {
        TestStepContext base = new TestStepContext(1, lr);
        return new StepContext() {
            @Override
            public int epoch() {
                return 0;
            }

            @Override
            public int epochs() {
                return 1;
            }

            @Override
            public int stepInEpoch() {
                return 0;
            }

            @Override
            public int stepsPerEpoch() {
                return 1;
            }

            @Override
            public double learningRate() {
                return lr;
            }

            @Override
            public int trainingSetSize() {
                return 1;
            }

            @Override
            public Random random() {
                return base.random();
            }

            @Override
            public void stepSize(Parameter parameter, INDArray out) {
                adam.stepSize(parameter, lr, out);
            }
        };
    }
}
