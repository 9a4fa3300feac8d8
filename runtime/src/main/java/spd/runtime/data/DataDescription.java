package spd.runtime.data;

import java.util.List;

/**
 * What a network must fit in its data, known before any training: the shape of one example's features
 * (e.g. {@code [1, 28, 28]} for idx images, {@code [d]} for tabular rows) and its targets, either a number of
 * classes (classification, one-hot targets) or a number of regression values per example.
 *
 * @param featureShape the shape of one example, without the example dimension
 * @param classes the number of classes, or 0 for regression
 * @param regressionOutputs the number of target values per example for regression, or 0 for classification
 */
public record DataDescription(List<Integer> featureShape, int classes, int regressionOutputs) {
    /** Checks that exactly one of classes and regression outputs is positive and the shape is positive. */
    public DataDescription {
        featureShape = List.copyOf(featureShape);
        if (featureShape.isEmpty() || featureShape.stream().anyMatch(n -> n <= 0)) {
            throw new IllegalArgumentException("a feature shape needs positive dimensions, got " + featureShape);
        }
        if ((classes > 0) == (regressionOutputs > 0) || classes < 0 || regressionOutputs < 0) {
            throw new IllegalArgumentException(
                    "give either classes or regression outputs, got " + classes + " and " + regressionOutputs);
        }
    }

    /** Classification data: features of the given shape, targets one of {@code classes} classes. */
    public static DataDescription classification(List<Integer> featureShape, int classes) {
        return new DataDescription(featureShape, classes, 0);
    }

    /** Regression data: features of the given shape, {@code outputs} real values per example. */
    public static DataDescription regression(List<Integer> featureShape, int outputs) {
        return new DataDescription(featureShape, 0, outputs);
    }

    /** Whether the targets are classes (trained with cross-entropy) rather than values (squared loss). */
    public boolean isClassification() {
        return classes > 0;
    }

    /** The number of features of one example: the product of the feature shape (a dense network's input). */
    public long features() {
        return featureShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
    }

    /** The size of the network's output: the number of classes, or of regression values. */
    public int outputs() {
        return isClassification() ? classes : regressionOutputs;
    }

    /** A short human description, e.g. "[1, 28, 28] -> 10 classes" or "[13] -> 1 value". */
    public String summary() {
        return featureShape + " -> "
                + (isClassification()
                        ? classes + " classes"
                        : regressionOutputs + (regressionOutputs == 1 ? " value" : " values"));
    }
}
