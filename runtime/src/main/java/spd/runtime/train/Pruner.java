package spd.runtime.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;
import spd.runtime.nn.Dense;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.LayerRegularizer;

/** Applies a layer's pruning rule: the weights evaluation really uses, with pruned entries set to zero. */
final class Pruner {
  private Pruner() {}

  /** A new array: the regularizer's evaluation weights with every weight the rule prunes set to 0. */
  static INDArray prunedWeights(LayerRegularizer regularizer, Pruning rule) {
    Dense layer = regularizer.layer();
    INDArray weights = regularizer.evaluationWeights();
    float[] values = floats(weights);
    switch (rule) {
      case Pruning.None none -> {}
      case Pruning.KeepBelow keepBelow ->
          zeroWhereBelow(values, keepBelow.keep().apply(layer.weights()), keepBelow.threshold());
      case Pruning.LearnedKeepBelow learned ->
          zeroWhereBelow(values, required(regularizer.keepProbability().orElse(null), layer, "a learned keep probability"), learned.threshold());
      case Pruning.MagnitudeBelow magnitude -> zeroWhereSmall(values, magnitude.threshold());
      case Pruning.LogAlphaAbove logAlpha ->
          zeroWhereAbove(values, required(regularizer.logAlpha().orElse(null), layer, "a log alpha"), logAlpha.threshold());
    }
    return Nd4j.create(values, weights.shape(), 'c');
  }

  /** Checks, before training, that the rule can be applied to the layer's regularizer. */
  static void check(LayerRegularizer regularizer, Pruning rule) {
    Dense layer = regularizer.layer();
    switch (rule) {
      case Pruning.LearnedKeepBelow ignored -> required(regularizer.keepProbability().orElse(null), layer, "a learned keep probability");
      case Pruning.LogAlphaAbove ignored -> required(regularizer.logAlpha().orElse(null), layer, "a log alpha");
      case Pruning.None ignored -> {}
      case Pruning.KeepBelow ignored -> {}
      case Pruning.MagnitudeBelow ignored -> {}
    }
  }

  private static INDArray required(INDArray quantity, Dense layer, String what) {
    if (quantity == null) {
      throw new RunException(
          "the pruning rule of layer %s needs %s, but the layer's regularizer has none; prune by keep(W) or |w| instead"
              .formatted(layer.name(), what));
    }
    return quantity;
  }


  private static void zeroWhereBelow(float[] values, INDArray quantity, double threshold) {
    float[] q = floats(quantity);
    for (int i = 0; i < values.length; i++) {
      if (q[i] < threshold) {
        values[i] = 0f;
      }
    }
  }

  private static void zeroWhereAbove(float[] values, INDArray quantity, double threshold) {
    float[] q = floats(quantity);
    for (int i = 0; i < values.length; i++) {
      if (q[i] > threshold) {
        values[i] = 0f;
      }
    }
  }

  private static void zeroWhereSmall(float[] values, double threshold) {
    for (int i = 0; i < values.length; i++) {
      if (Math.abs(values[i]) < threshold) {
        values[i] = 0f;
      }
    }
  }

  /** The values of an array in c order (copied out of views and f-ordered arrays first). */
  static float[] floats(INDArray array) {
    INDArray dense = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
    return dense.data().asFloat();
  }

  /** The number of nonzero entries. */
  static long countNonzero(INDArray weights) {
    long count = 0;
    for (float value : floats(weights)) {
      if (value != 0f) {
        count++;
      }
    }
    return count;
  }
}
