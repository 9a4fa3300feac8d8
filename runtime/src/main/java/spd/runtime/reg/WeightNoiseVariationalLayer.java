package spd.runtime.reg;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.WeightedLayer;

/**
 * Variational dropout without the local reparameterization trick (the reference's {@code
 * LinearSVDONoReparam}): parameters W and log alpha, and the training weights W (1 + xi exp(log alpha/2)) with
 * one xi ~ N(0, 1) per weight, shared by the batch. Backward: dW = G m and d(log alpha) = G W xi exp(log
 * alpha/2)/2 + dKL/d(log alpha)/N for G = dL/d(W m).
 */
final class WeightNoiseVariationalLayer extends VariationalLayer {
    private final HostMirror effective;
    private final float[] noise;
    private final float[] std;
    private final float[] klExp;
    private final float[] mask;
    private final float[] maskSlope;
    private final float[] klParameter;

    WeightNoiseVariationalLayer(WeightedLayer layer, double threshold) {
        super(layer, "log_alpha", threshold);
        this.effective = HostMirror.of(Buffers.persistentLike(layer.weights()));
        int n = (int) layer.weights().length();
        this.noise = new float[n];
        this.std = new float[n];
        this.klExp = new float[n];
        this.mask = new float[n];
        this.maskSlope = new float[n];
        this.klParameter = new float[n];
    }

    @Override
    protected void prepare(StepContext step) {
        float[] w = weights.load();
        float[] logAlpha = parameterValues.load();
        int n = w.length;
        ElementMath.gaussian(step.random().nextLong(), noise, n);
        ElementMath.exp(logAlpha, 0.5f, 0f, std, n);
        ElementMath.exp(logAlpha, (float) -MolchanovKl.K3, (float) -MolchanovKl.K2, klExp, n);
        float[] wm = effective.values();
        float klScale = (float) klScale();
        for (int i = 0; i < n; i++) {
            float scaledNoise = noise[i] * std[i];
            mask[i] = 1 + scaledNoise;
            maskSlope[i] = 0.5f * scaledNoise * w[i];
            wm[i] = w[i] * mask[i];
            klParameter[i] = MolchanovKl.slope(klExp[i], 1 / (1 + std[i] * std[i])) * klScale;
        }
        effective.store();
    }

    /** The N(0, 1) noise xi of the step, one per weight. */
    @Override
    public Map<String, INDArray> randomDraws() {
        return Map.of("noise", Nd4j.create(noise.clone(), layer().weights().shape(), 'c'));
    }

    @Override
    public INDArray trainingWeights() {
        return effective.array();
    }

    @Override
    public void backwardWeights(INDArray gradient) {
        float[] g = weightGradient.load();
        float[] gp = parameterGradient.values();
        for (int i = 0; i < g.length; i++) {
            gp[i] = g[i] * maskSlope[i] + klParameter[i];
            g[i] *= mask[i];
        }
        weightGradient.store();
        parameterGradient.store();
    }

    @Override
    protected void logAlpha(float[] w, float[] logAlpha, float[] out) {
        System.arraycopy(logAlpha, 0, out, 0, out.length);
    }
}
