package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import spd.runtime.WeightFunction;
import spd.runtime.nn.Dense;
import java.util.Map;
import java.util.Optional;

/**
 * Scaled-Bernoulli DropConnect: each weight is kept with probability keep(W) and scaled by 1/keep, so the
 * mask has mean 1 and variance (1 - keep)/keep. The mask is sampled every step; keep is recomputed from the
 * current weights every {@code refreshEvery} steps (0: only once, for a fixed keep probability).
 */
public record BernoulliDropConnect(WeightFunction keep, int refreshEvery) implements Regularizer {
  /** The smallest keep probability divided by: a weight with keep 0 is never kept, so its mask is 0/1e-30 = 0. */
  private static final double DIVISOR_FLOOR = 1e-30;

  @Override
  public String kind() {
    return "bernoulli";
  }

  @Override
  public LayerRegularizer attach(Dense layer) {
    return new State(layer);
  }

  /** The per-layer mask state. */
  private final class State extends MaskedWeights {
    private final INDArray divisor;

    State(Dense layer) {
      super(layer, refreshEvery, "keep");
      this.divisor = Buffers.persistentLike(layer.weights());
    }

    @Override
    protected void refreshParameter(INDArray weights, INDArray out) {
      out.assign(keep.apply(weights));
      // Clamp only the divisor: sampling uses the exact keep, so keep = 0 never fires and 0/floor = 0.
      Nd4j.exec(new ScalarMax(out, null, divisor, DIVISOR_FLOOR));
    }

    @Override
    protected void sampleMask(StepContext step, INDArray out) {
      Nd4j.getExecutioner().exec(new BernoulliDistribution(out, maskParameter), step.random());
      out.divi(divisor);
    }

    /** The divisor is derived from keep at each refresh, so a checkpoint must carry it as well. */
    @Override
    public Map<String, INDArray> state() {
      return Map.of("keep", maskParameter, "keep_divisor", divisor);
    }

    @Override
    public Optional<INDArray> keepProbability() {
      return Optional.of(maskParameter.dup());
    }
  }
}
