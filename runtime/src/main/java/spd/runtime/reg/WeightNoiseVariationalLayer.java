package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Dense;

/**
 * Variational dropout without the local reparameterization trick (the reference's {@code
 * LinearSVDONoReparam}): parameters W and log alpha, and the training weights W (1 + xi exp(log alpha/2)) with
 * one xi ~ N(0, 1) per weight, shared by the batch. Backward: dW = G m and d(log alpha) = G W xi exp(log
 * alpha/2)/2 + dKL/d(log alpha)/N for G = dL/d(W m).
 */
final class WeightNoiseVariationalLayer extends VariationalLayer {
  private final HostMirror noise;
  private final HostMirror effective;
  private final float[] mask;
  private final float[] maskSlope;
  private final float[] klParameter;

  WeightNoiseVariationalLayer(Dense layer, double threshold) {
    super(layer, "log_alpha", threshold);
    this.noise = HostMirror.of(Buffers.persistentLike(layer.weights()));
    this.effective = HostMirror.of(Buffers.persistentLike(layer.weights()));
    int n = (int) layer.weights().length();
    this.mask = new float[n];
    this.maskSlope = new float[n];
    this.klParameter = new float[n];
  }

  @Override
  protected void prepare(StepContext step) {
    Nd4j.getExecutioner().exec(new GaussianDistribution(noise.array(), 0.0, 1.0), step.random());
    float[] xi = noise.load();
    float[] w = weights.load();
    float[] logAlpha = parameterValues.load();
    float[] wm = effective.values();
    double klScale = klScale();
    for (int i = 0; i < w.length; i++) {
      double alpha = Math.exp(logAlpha[i]);
      float std = (float) Math.sqrt(alpha);
      mask[i] = 1 + xi[i] * std;
      maskSlope[i] = 0.5f * xi[i] * std * w[i];
      wm[i] = w[i] * mask[i];
      klParameter[i] = (float) (MolchanovKl.slope(logAlpha[i], 1 / (1 + alpha)) * klScale);
    }
    effective.store();
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
