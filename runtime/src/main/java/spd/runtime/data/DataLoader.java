package spd.runtime.data;

import java.nio.file.Path;

/** Turns a {@link DataSpec} into a loaded {@link Dataset}. */
public final class DataLoader {
  private DataLoader() {}

  /** Loads the declared data; {@code dataFlag} is the data directory given on the command line, or null. */
  public static Dataset load(DataSpec spec, Path dataFlag) {
    return switch (spec) {
      case DataSpec.Mnist mnist ->
          Mnist.load(DataDirectory.resolve(dataFlag, mnist.directory()), mnist.validationFraction(),
              mnist.splitSeed());
      case DataSpec.Linear linear -> LinearRegression.generate(linear).dataset();
      case DataSpec.Provided provided -> provided.loader().apply(dataFlag);
    };
  }
}
