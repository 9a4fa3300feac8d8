package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.RunException;
import spd.runtime.nn.WeightedLayer;

/**
 * Stops a run whose keep rule gives a value no probability has (below 0, above 1, or NaN): the run would otherwise
 * "complete" with a mask of garbage. The checker rejects such rules where it can tell from the file; this catches the
 * rest (a prox keep that depends on the step size, weights that reach a value the checker did not try).
 */
final class KeepProbabilities {
    private KeepProbabilities() {}

    /** Throws a {@link RunException} naming the layer and the value when {@code keep} leaves [0, 1]. */
    static void requireValid(INDArray keep, WeightedLayer layer, String rule) {
        double sum = keep.sumNumber().doubleValue();
        double min = keep.minNumber().doubleValue();
        double max = keep.maxNumber().doubleValue();
        if (Double.isNaN(sum) || Double.isNaN(min) || Double.isNaN(max) || min < 0 || max > 1) {
            String value = Double.isNaN(sum) || Double.isNaN(min) || Double.isNaN(max)
                    ? "NaN"
                    : min < 0 ? String.valueOf(min) : String.valueOf(max);
            throw new RunException(
                    "the keep probability of the " + rule + " mask on layer " + layer.name() + " is " + value
                            + " for some weight, outside [0, 1]; the run stops here. Check the keep expression in the .spd file"
                            + " (e.g. keep = eta / (eta + lambda) with eta(w) >= 0 lies in [0, 1]).");
        }
    }
}
