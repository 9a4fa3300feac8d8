package spd.runtime.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One part of a data set: features as rows ({@code n x inputs}, float32) and targets as rows ({@code n x
 * outputs}: one-hot class indicators for classification, values for regression).
 */
public record Split(INDArray features, INDArray targets) {
    /** Checks that features and targets have the same number of rows. */
    public Split {
        if (features.rows() != targets.rows()) {
            throw new IllegalArgumentException(
                    "features have " + features.rows() + " rows but targets have " + targets.rows());
        }
    }

    /** The number of examples. */
    public int size() {
        return features.rows();
    }

    /** Whether this split holds no examples (e.g. no validation set was declared). */
    public boolean isEmpty() {
        return size() == 0;
    }
}
