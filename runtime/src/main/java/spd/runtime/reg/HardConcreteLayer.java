package spd.runtime.reg;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * The per-layer state of {@link HardConcrete}: log_a, this step's gates and the slopes of the backward pass.
 * Backward: dW = G z; d(log_a) = G W dz/d(log_a) + lambda p (1 - p), where dz/d(log_a) = (zeta - gamma) s (1 -
 * s)/beta inside the clip and 0 outside, and p = P(z != 0).
 */
final class HardConcreteLayer implements LayerRegularizer {
    /** u is drawn from [EDGE, 1 - EDGE], so that log u and log(1 - u) stay finite. */
    private static final double EDGE = 1e-6;

    private final HardConcrete rule;
    private final WeightedLayer layer;
    private final Parameter logA;
    private final HostMirror weights;
    private final HostMirror weightGradient;
    private final HostMirror logAValues;
    private final HostMirror logAGradient;
    private final float[] uniform;
    private final float[] logit;
    private final float[] gateExp;
    private final float[] openExp;
    private final HostMirror effective;
    private final float[] gate;
    private final float[] gateSlope;
    private final float[] penaltySlope;

    HardConcreteLayer(HardConcrete rule, WeightedLayer layer) {
        this.rule = rule;
        this.layer = layer;
        INDArray initial = Buffers.persistentLike(layer.weights()).assign(rule.initialLogA());
        this.logA = Parameter.of(layer.name() + ".log_a", initial);
        this.weights = HostMirror.of(layer.weights());
        this.weightGradient = HostMirror.of(layer.weight().gradient());
        this.logAValues = HostMirror.of(logA.value());
        this.logAGradient = HostMirror.of(logA.gradient());
        this.effective = HostMirror.of(Buffers.persistentLike(layer.weights()));
        int n = (int) layer.weights().length();
        this.uniform = new float[n];
        this.logit = new float[n];
        this.gateExp = new float[n];
        this.openExp = new float[n];
        this.gate = new float[n];
        this.gateSlope = new float[n];
        this.penaltySlope = new float[n];
    }

    @Override
    public WeightedLayer layer() {
        return layer;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(logA);
    }

    /**
     * Samples the gates: s = sigmoid((logit(u) + log_a)/beta) = 1/(1 + exp(-(logit(u) + log_a)/beta)), with the
     * logarithms and exponentials computed over whole arrays by {@link ElementMath}.
     */
    @Override
    public void beforeStep(StepContext step) {
        float[] w = weights.load();
        float[] a = logAValues.load();
        int n = w.length;
        ElementMath.uniform(step.random().nextLong(), EDGE, 1 - EDGE, uniform, n);
        for (int i = 0; i < n; i++) {
            logit[i] = uniform[i] / (1 - uniform[i]);
        }
        ElementMath.log(logit, gateExp, logit, n); // log(u/(1 - u)); gateExp is the scratch of the exponents here
        for (int i = 0; i < n; i++) {
            logit[i] += a[i];
        }
        ElementMath.exp(logit, (float) (-1 / rule.beta()), 0f, gateExp, n);
        ElementMath.exp(a, -1f, (float) rule.shift(), openExp, n);
        float[] wz = effective.values();
        float stretch = (float) (rule.zeta() - rule.gamma());
        float gamma = (float) rule.gamma();
        float slopeScale = (float) (stretch / rule.beta());
        float lambda = (float) rule.lambda();
        for (int i = 0; i < n; i++) {
            float s = 1 / (1 + gateExp[i]);
            float stretched = s * stretch + gamma;
            logit[i] = stretched; // reused: the gate before the clip
            gate[i] = Math.max(0f, Math.min(1f, stretched));
            gateSlope[i] = slopeScale * s * (1 - s);
            float p = 1 / (1 + openExp[i]);
            penaltySlope[i] = lambda * p * (1 - p);
            wz[i] = w[i] * gate[i];
        }
        // The clip passes no gradient: a separate pass, so that the loop above has no branch and vectorizes.
        for (int i = 0; i < n; i++) {
            if (!(logit[i] > 0 && logit[i] < 1)) {
                gateSlope[i] = 0f;
            }
        }
        effective.store();
    }

    /** The uniform numbers u of the step's gates, one per weight. */
    @Override
    public Map<String, INDArray> randomDraws() {
        return Map.of("uniform", Nd4j.create(uniform.clone(), layer.weights().shape(), 'c'));
    }

    @Override
    public INDArray trainingWeights() {
        return effective.array();
    }

    @Override
    public void backwardWeights(INDArray gradient) {
        float[] g = weightGradient.load();
        float[] w = weights.values();
        float[] ga = logAGradient.values();
        for (int i = 0; i < g.length; i++) {
            ga[i] = g[i] * w[i] * gateSlope[i] + penaltySlope[i];
            g[i] *= gate[i];
        }
        weightGradient.store();
        logAGradient.store();
    }

    @Override
    public double penalty() {
        double sum = 0;
        for (float value : logAValues.load()) {
            sum += sigmoid(value - rule.shift());
        }
        return rule.lambda() * sum;
    }

    /** P(z != 0) = sigmoid(log_a - beta log(-gamma/zeta)). */
    @Override
    public Optional<INDArray> keepProbability() {
        float[] a = logAValues.load();
        float[] p = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = (float) sigmoid(a[i] - rule.shift());
        }
        return Optional.of(Nd4j.create(p, layer.weights().shape(), 'c'));
    }

    /** W times the test-time gate clip(sigmoid(log_a) (zeta - gamma) + gamma, 0, 1). */
    @Override
    public INDArray evaluationWeights() {
        float[] a = logAValues.load();
        float[] w = weights.load().clone();
        for (int i = 0; i < w.length; i++) {
            double stretched = sigmoid(a[i]) * (rule.zeta() - rule.gamma()) + rule.gamma();
            w[i] *= (float) Math.max(0, Math.min(1, stretched));
        }
        return Nd4j.create(w, layer.weights().shape(), 'c');
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
