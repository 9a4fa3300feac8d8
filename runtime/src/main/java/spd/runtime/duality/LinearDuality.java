package spd.runtime.duality;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a generated experiment on linear data declares so that {@code spd run} can check the duality
 * theorem live: its adaptive rule eta_hat and the strength lambda of the penalty that rule implies.
 */
public interface LinearDuality {
  /** The adaptive reweighting eta_hat(W), element-wise; must not modify {@code w}. */
  INDArray etaHat(INDArray w);

  /** The regularization strength of the penalty lambda * Omega(w). */
  double lambda();
}
