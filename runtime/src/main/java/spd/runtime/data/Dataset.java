package spd.runtime.data;

/**
 * A loaded data set: training, validation (possibly empty) and test splits, and the number of classes
 * ({@code 0} for regression).
 */
public record Dataset(Split train, Split validation, Split test, int classes) {
  /** Whether targets are one-hot class indicators. */
  public boolean isClassification() {
    return classes > 0;
  }

  /** The number of input features. */
  public int inputs() {
    return train.features().columns();
  }
}
