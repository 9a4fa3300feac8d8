package spd.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;
import spd.runtime.base.Seeds;

/**
 * Loads MNIST from the four canonical idx files (raw or gzip) in a data directory, checks each file's SHA-256
 * (of the decoded content), normalises pixels with mean 0.1307 and std 0.3081, and splits the training images
 * into train and validation by a seeded permutation.
 */
public final class Mnist {
  /** The mean pixel value of MNIST's training set (on [0, 1]). */
  public static final double MEAN = 0.1307;
  /** The standard deviation of MNIST's training pixels (on [0, 1]). */
  public static final double STD = 0.3081;
  /** The command that fetches the files; messages name it. */
  public static final String FETCH_COMMAND = "scripts/fetch-mnist.sh";

  /** One of the four files: its canonical name and the SHA-256 of its decoded content. */
  record FileSpec(String name, String sha256) {}

  static final FileSpec TRAIN_IMAGES =
      new FileSpec("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
  static final FileSpec TRAIN_LABELS =
      new FileSpec("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
  static final FileSpec TEST_IMAGES =
      new FileSpec("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
  static final FileSpec TEST_LABELS =
      new FileSpec("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

  /** The four files, in the order they are read. */
  public static final List<String> FILE_NAMES =
      List.of(TRAIN_IMAGES.name(), TRAIN_LABELS.name(), TEST_IMAGES.name(), TEST_LABELS.name());

  private Mnist() {}

  /** Whether all four files exist (raw or .gz) in the directory; their content is not checked. */
  public static boolean isPresent(Path directory) {
    return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS).stream()
        .allMatch(spec -> locate(directory, spec) != null);
  }

  /** Loads and splits MNIST, or throws a {@link RunException} naming the missing or corrupt file and the fix. */
  public static Dataset load(DataDirectory directory, double validationFraction, long splitSeed) {
    IdxFile trainImages = readVerified(directory, TRAIN_IMAGES);
    IdxFile trainLabels = readVerified(directory, TRAIN_LABELS);
    IdxFile testImages = readVerified(directory, TEST_IMAGES);
    IdxFile testLabels = readVerified(directory, TEST_LABELS);
    int trainCount = trainImages.dimensions()[0];
    int validationCount = (int) Math.round(trainCount * validationFraction);
    int[] order = Seeds.permutation(trainCount, Seeds.derive(splitSeed, Seeds.DATA));
    int[] validationRows = java.util.Arrays.copyOfRange(order, 0, validationCount);
    int[] trainRows = java.util.Arrays.copyOfRange(order, validationCount, trainCount);
    // Keep the training rows in file order: the trainer shuffles every epoch anyway.
    java.util.Arrays.sort(trainRows);
    java.util.Arrays.sort(validationRows);
    return new Dataset(
        split(trainImages, trainLabels, trainRows),
        split(trainImages, trainLabels, validationRows),
        split(testImages, testLabels, identity(testImages.dimensions()[0])),
        10, DataSpec.Mnist.DESCRIPTION.featureShape());
  }

  private static int[] identity(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /**
   * The normalised images and one-hot labels of the given rows, written row by row straight into off-heap
   * arrays: a 150 MB heap copy of the features would stay in the JVM's resident memory for the whole run.
   */
  private static Split split(IdxFile images, IdxFile labels, int[] rows) {
    int pixels = images.dimensions()[1] * images.dimensions()[2];
    if (rows.length == 0) {
      return new Split(Nd4j.zeros(DataType.FLOAT, 0, pixels), Nd4j.zeros(DataType.FLOAT, 0, 10));
    }
    INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows.length, pixels}, 'c');
    INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, 10);
    FloatBuffer features = x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] row = new float[pixels];
    float[] normalised = new float[256];
    for (int value = 0; value < 256; value++) {
      normalised[value] = (float) ((value / 255.0 - MEAN) / STD);
    }
    for (int r = 0; r < rows.length; r++) {
      int source = rows[r] * pixels;
      for (int p = 0; p < pixels; p++) {
        row[p] = normalised[images.data()[source + p] & 0xff];
      }
      features.put(r * pixels, row);
      y.putScalar(r, labels.data()[rows[r]] & 0xff, 1.0);
    }
    return new Split(x, y);
  }

  private static IdxFile readVerified(DataDirectory directory, FileSpec spec) {
    Path file = locate(directory.path(), spec);
    if (file == null) {
      throw new RunException(
          "MNIST file %s (or %s.gz) is missing from %s (the data directory %s).%n"
                  .formatted(spec.name(), spec.name(), directory.path(), directory.source())
              + fetchHint(directory));
    }
    IdxFile idx;
    try {
      idx = IdxFile.read(file);
    } catch (IOException e) {
      throw new RunException(
          "MNIST file %s cannot be read: %s.%n".formatted(file, e.getMessage()) + fetchHint(directory), e);
    }
    if (!idx.sha256().equals(spec.sha256())) {
      throw new RunException(
          ("MNIST file %s is corrupt or not the canonical file: its content has SHA-256 %s, expected %s."
                  + "%nDelete it and fetch it again.%n")
              .formatted(file, idx.sha256(), spec.sha256())
              + fetchHint(directory));
    }
    return idx;
  }

  private static String fetchHint(DataDirectory directory) {
    return "Fetch the four files with:  %s %s%n(or set $%s / --data to a directory that holds them)"
        .formatted(FETCH_COMMAND, directory.path(), DataDirectory.ENVIRONMENT_VARIABLE);
  }

  private static Path locate(Path directory, FileSpec spec) {
    for (String candidate : List.of(spec.name(), spec.name() + ".gz")) {
      Path file = directory.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }
}
