package spd.runtime.reg;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Dense;
import spd.runtime.nn.Parameter;

/**
 * The per-layer state of {@link HardConcrete}: log_a, this step's gates and the slopes of the backward pass.
 * Backward: dW = G z; d(log_a) = G W dz/d(log_a) + lambda p (1 - p), where dz/d(log_a) = (zeta - gamma) s (1 -
 * s)/beta inside the clip and 0 outside, and p = P(z != 0).
 */
final class HardConcreteLayer implements LayerRegularizer {
  /** u is drawn from [EDGE, 1 - EDGE], so that log u and log(1 - u) stay finite. */
  private static final double EDGE = 1e-6;
  private final HardConcrete rule;
  private final Dense layer;
  private final Parameter logA;
  private final HostMirror weights;
  private final HostMirror weightGradient;
  private final HostMirror logAValues;
  private final HostMirror logAGradient;
  private final HostMirror uniform;
  private final HostMirror effective;
  private final float[] gate;
  private final float[] gateSlope;
  private final float[] penaltySlope;

  HardConcreteLayer(HardConcrete rule, Dense layer) {
    this.rule = rule;
    this.layer = layer;
    this.logA = Parameter.of(layer.name() + ".log_a", Buffers.persistentLike(layer.weights()).assign(rule.initialLogA()));
    this.weights = HostMirror.of(layer.weights());
    this.weightGradient = HostMirror.of(layer.weight().gradient());
    this.logAValues = HostMirror.of(logA.value());
    this.logAGradient = HostMirror.of(logA.gradient());
    this.uniform = HostMirror.of(Buffers.persistentLike(layer.weights()));
    this.effective = HostMirror.of(Buffers.persistentLike(layer.weights()));
    int n = (int) layer.weights().length();
    this.gate = new float[n];
    this.gateSlope = new float[n];
    this.penaltySlope = new float[n];
  }

  @Override
  public Dense layer() {
    return layer;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(logA);
  }

  @Override
  public void beforeStep(StepContext step) {
    Nd4j.getExecutioner().exec(new UniformDistribution(uniform.array(), EDGE, 1 - EDGE), step.random());
    float[] u = uniform.load();
    float[] w = weights.load();
    float[] a = logAValues.load();
    float[] wz = effective.values();
    double stretch = rule.zeta() - rule.gamma();
    double inverseBeta = 1 / rule.beta();
    double shift = rule.shift();
    for (int i = 0; i < w.length; i++) {
      double s = sigmoid((Math.log(u[i] / (1 - u[i])) + a[i]) * inverseBeta);
      double stretched = s * stretch + rule.gamma();
      boolean open = stretched > 0 && stretched < 1;
      gate[i] = (float) Math.max(0, Math.min(1, stretched));
      gateSlope[i] = open ? (float) (stretch * s * (1 - s) * inverseBeta) : 0f;
      double p = sigmoid(a[i] - shift);
      penaltySlope[i] = (float) (rule.lambda() * p * (1 - p));
      wz[i] = w[i] * gate[i];
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
