package spd.runtime.data;

import java.util.List;

/**
 * A loaded data set: training, validation (possibly empty) and test splits, the number of classes ({@code 0}
 * for regression) and the shape of one example's features (the rows of a split hold them flattened in C
 * order, e.g. {@code [1, 28, 28]} images as 784 columns).
 */
public record Dataset(Split train, Split validation, Split test, int classes, List<Integer> featureShape) {
    /** Copies the shape and checks it against the splits' columns. */
    public Dataset {
        featureShape = List.copyOf(featureShape);
        long product = featureShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        if (product != train.features().columns()) {
            throw new IllegalArgumentException("feature shape " + featureShape + " does not match "
                    + train.features().columns() + " columns");
        }
    }

    /** A data set of flat feature rows: the shape of one example is {@code [columns]}. */
    public Dataset(Split train, Split validation, Split test, int classes) {
        this(train, validation, test, classes, List.of((int) train.features().columns()));
    }

    /** Whether targets are one-hot class indicators. */
    public boolean isClassification() {
        return classes > 0;
    }

    /** The number of input features. */
    public int inputs() {
        return train.features().columns();
    }

    /** The description of the loaded data. */
    public DataDescription describe() {
        return isClassification()
                ? DataDescription.classification(featureShape, classes)
                : DataDescription.regression(featureShape, (int) train.targets().columns());
    }
}
