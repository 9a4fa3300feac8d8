package spd.runtime.reg;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * The eta-trick (theory.md 2.1 and 4.2, {@code EtaTrickNet}): every weight has a learned theta with eta =
 * lambda exp(theta), trained by the run's optimizer together with W, and the loss adds
 *
 * <pre>
 *   (lambda/2) [ sum W^2/eta + sum f(eta) + decay * sum log(eta/lambda) ]
 * </pre>
 *
 * <p>whose minimum over eta is lambda * Omega(W). No mask is sampled. The keep probability is sigmoid(theta) =
 * eta/(eta + lambda). Generated code supplies the dual f and its derivative f' as functions of an eta array.
 *
 * <p>Gradients: dW = lambda W/eta = W exp(-theta); dtheta = eta d/deta = (lambda/2)(eta f'(eta) + decay) -
 * (1/2) W^2 exp(-theta).
 *
 * @param lambda the penalty weight, > 0
 * @param dual f(eta), element-wise
 * @param dualDerivative f'(eta), element-wise
 * @param init the initial theta (5 in the paper: keep = sigmoid(5) = 0.99331)
 * @param decay the weight of the log-eta prior (1e-3 in the paper; 0 for none)
 */
public record EtaTrick(double lambda, WeightFunction dual, WeightFunction dualDerivative, double init, double decay)
        implements Regularizer {

    /** Checks lambda and the initial value. */
    public EtaTrick {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the eta-trick needs lambda > 0, got " + lambda);
        }
        if (!Double.isFinite(init) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException(
                    "the eta-trick needs a finite init and decay, got " + init + ", " + decay);
        }
    }

    /** The eta-trick with dual f, its derivative f', initial theta {@code init} and log-eta decay {@code decay}. */
    public static EtaTrick of(
            double lambda, WeightFunction dual, WeightFunction dualDerivative, double init, double decay) {
        return new EtaTrick(lambda, dual, dualDerivative, init, decay);
    }

    @Override
    public String kind() {
        return "eta_trick";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new State(layer);
    }

    /** The per-layer state: theta (a parameter), eta and heap mirrors for the fused gradient loop. */
    private final class State implements LayerRegularizer {
        private final WeightedLayer layer;
        private final Parameter theta;
        private final INDArray eta;
        private final HostMirror weights;
        private final HostMirror weightGradient;
        private final HostMirror thetaValues;
        private final HostMirror thetaGradient;
        private final HostMirror etaValues;
        private final float[] etaTimesSlope;

        State(WeightedLayer layer) {
            this.layer = layer;
            INDArray initial = Buffers.persistentLike(layer.weights()).assign(init);
            this.theta = Parameter.of(layer.name() + ".theta", initial);
            this.eta = Buffers.persistentLike(layer.weights());
            this.weights = HostMirror.of(layer.weights());
            this.weightGradient = HostMirror.of(layer.weight().gradient());
            this.thetaValues = HostMirror.of(theta.value());
            this.thetaGradient = HostMirror.of(theta.gradient());
            this.etaValues = HostMirror.of(eta);
            this.etaTimesSlope = new float[(int) eta.length()];
        }

        @Override
        public WeightedLayer layer() {
            return layer;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(theta);
        }

        /** eta = lambda exp(theta) = exp(theta + ln lambda), into the persistent buffer and its heap mirror. */
        private INDArray refreshEta() {
            float[] t = thetaValues.load();
            ElementMath.exp(t, 1f, (float) Math.log(lambda), etaValues.values(), t.length);
            etaValues.store();
            return eta;
        }

        @Override
        public void backwardWeights(INDArray gradient) {
            HostMirror.copy(dualDerivative.apply(refreshEta()), etaTimesSlope);
            float[] w = weights.load();
            float[] gw = weightGradient.load();
            float[] e = etaValues.values();
            float[] gt = thetaGradient.values();
            float halfLambda = (float) (lambda / 2);
            float halfLambdaDecay = (float) (lambda * decay / 2);
            float lambdaF = (float) lambda;
            for (int i = 0; i < w.length; i++) {
                float shrink = lambdaF / e[i]; // lambda/eta = exp(-theta)
                float shrunk = w[i] * shrink;
                gw[i] += shrunk;
                gt[i] = halfLambda * e[i] * etaTimesSlope[i] + halfLambdaDecay - 0.5f * w[i] * shrunk;
            }
            weightGradient.store();
            thetaGradient.store();
        }

        @Override
        public double penalty() {
            INDArray currentEta = refreshEta();
            float[] f = new float[(int) currentEta.length()];
            HostMirror.copy(dual.apply(currentEta), f);
            float[] w = weights.load();
            float[] e = etaValues.values();
            float[] t = thetaValues.values();
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += (double) w[i] * w[i] / e[i] + f[i] + decay * t[i];
            }
            return lambda / 2 * sum;
        }

        @Override
        public Optional<INDArray> keepProbability() {
            INDArray keep = Nd4j.createUninitialized(
                    theta.value().dataType(), theta.value().shape());
            Nd4j.exec(new Sigmoid(theta.value(), keep));
            return Optional.of(keep);
        }
    }
}
