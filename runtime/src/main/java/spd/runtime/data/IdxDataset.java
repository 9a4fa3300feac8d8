package spd.runtime.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classification data set in MNIST's idx layout: training and test images (unsigned bytes, {@code n x rows
 * x cols} or {@code n x features}) and their labels ({@code n} unsigned bytes, 0 to classes - 1). Pixels are
 * scaled to [0, 1] and normalised with a mean and standard deviation; the training images are split into
 * train and validation by a seeded permutation.
 */
public final class IdxDataset {
    private IdxDataset() {}

    /** The four files of an idx data set. */
    public record Files(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        /** The files in the order they are read. */
        public List<Path> all() {
            return List.of(trainImages, trainLabels, testImages, testLabels);
        }
    }

    /** Pixel normalisation: (value / 255 - mean) / std. */
    public record Normalization(double mean, double std) {
        /** Checks that the scale is positive. */
        public Normalization {
            if (!(std > 0) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException(
                        "normalisation needs a finite mean and std > 0, got " + mean + ", " + std);
            }
        }
    }

    /** Reads one idx file; named data sets verify checksums here. */
    @FunctionalInterface
    public interface Reader {
        /** Reads and returns the file, or throws a {@link DataFileException} naming it. */
        IdxFile read(Path file);
    }

    /** Reads a file with no checksum to verify, turning read errors into messages that name it. */
    public static IdxFile readPlain(Path file) {
        try {
            return IdxFile.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataFileException(file, DataFileException.Problem.UNREADABLE, "no such data file " + file);
        } catch (IOException e) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.MALFORMED,
                    "cannot read idx file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Describes the data from the files' headers and the labels (small): one example's shape and the number of
     * classes ({@code declaredClasses}, or one more than the largest label when 0). Checks that the files fit
     * together and that every label is below the number of classes.
     */
    public static DataDescription describe(Files files, int declaredClasses) {
        IdxFile.Header trainImages = header(files.trainImages());
        IdxFile.Header testImages = header(files.testImages());
        checkImages(files.trainImages(), trainImages);
        checkImages(files.testImages(), testImages);
        checkSameExampleShape(files, trainImages, testImages);
        IdxFile trainLabels = readPlain(files.trainLabels());
        IdxFile testLabels = readPlain(files.testLabels());
        checkLabels(files.trainLabels(), trainLabels, trainImages.dimensions()[0], files.trainImages());
        checkLabels(files.testLabels(), testLabels, testImages.dimensions()[0], files.testImages());
        int classes = declaredClasses > 0 ? declaredClasses : 1 + Math.max(maxLabel(trainLabels), maxLabel(testLabels));
        checkLabelRange(files.trainLabels(), trainLabels, classes, declaredClasses > 0);
        checkLabelRange(files.testLabels(), testLabels, classes, declaredClasses > 0);
        if (classes < 2) {
            throw new DataFileException(
                    files.trainLabels(),
                    DataFileException.Problem.MALFORMED,
                    files.trainLabels() + ": every label is 0; classification needs at least two classes");
        }
        return DataDescription.classification(exampleShape(trainImages.dimensions()), classes);
    }

    /**
     * Loads the data set: validation is the held-out fraction of the training images, chosen by the
     * permutation of {@code splitSeed}; {@code normalization} null means the mean and standard deviation of
     * the training images.
     */
    public static Dataset load(
            Files files,
            Reader reader,
            double validation,
            long splitSeed,
            int declaredClasses,
            Normalization normalization) {
        IdxFile trainImages = reader.read(files.trainImages());
        IdxFile trainLabels = reader.read(files.trainLabels());
        IdxFile testImages = reader.read(files.testImages());
        IdxFile testLabels = reader.read(files.testLabels());
        IdxFile.Header trainHeader = new IdxFile.Header(trainImages.dimensions());
        IdxFile.Header testHeader = new IdxFile.Header(testImages.dimensions());
        checkImages(files.trainImages(), trainHeader);
        checkImages(files.testImages(), testHeader);
        checkSameExampleShape(files, trainHeader, testHeader);
        checkLabels(files.trainLabels(), trainLabels, trainImages.dimensions()[0], files.trainImages());
        checkLabels(files.testLabels(), testLabels, testImages.dimensions()[0], files.testImages());
        int classes = declaredClasses > 0 ? declaredClasses : 1 + Math.max(maxLabel(trainLabels), maxLabel(testLabels));
        checkLabelRange(files.trainLabels(), trainLabels, classes, declaredClasses > 0);
        checkLabelRange(files.testLabels(), testLabels, classes, declaredClasses > 0);
        Normalization pixels = normalization != null ? normalization : statistics(trainImages);
        HoldOut split = HoldOut.of(trainImages.dimensions()[0], validation, splitSeed);
        List<Integer> shape = exampleShape(trainImages.dimensions());
        return new Dataset(
                split(trainImages, trainLabels, split.train(), classes, pixels),
                split(trainImages, trainLabels, split.validation(), classes, pixels),
                split(testImages, testLabels, HoldOut.all(testImages.dimensions()[0]), classes, pixels),
                classes,
                shape);
    }

    /** The mean and (population) standard deviation of the pixels scaled to [0, 1]. */
    public static Normalization statistics(IdxFile images) {
        long[] histogram = new long[256];
        for (byte value : images.data()) {
            histogram[value & 0xff]++;
        }
        double n = images.data().length;
        double mean = 0;
        for (int v = 0; v < 256; v++) {
            mean += histogram[v] * (v / 255.0);
        }
        mean /= n;
        double variance = 0;
        for (int v = 0; v < 256; v++) {
            double d = v / 255.0 - mean;
            variance += histogram[v] * d * d;
        }
        double std = Math.sqrt(variance / n);
        return new Normalization(mean, std > 0 ? std : 1);
    }

    private static IdxFile.Header header(Path file) {
        try {
            return IdxFile.readHeader(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataFileException(file, DataFileException.Problem.UNREADABLE, "no such data file " + file);
        } catch (IOException e) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.MALFORMED,
                    "cannot read idx file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static void checkImages(Path file, IdxFile.Header header) {
        int[] d = header.dimensions();
        if (d.length < 2 || d.length > 3) {
            throw malformed(
                    file, "holds a " + d.length + "-dimensional array; images are n x rows x cols (or n x features)");
        }
        for (int size : d) {
            if (size == 0) {
                throw malformed(file, "is empty: its header declares " + java.util.Arrays.toString(d));
            }
        }
        DataLimits.checkFits(file, "the images", header.count(), Float.BYTES);
    }

    private static void checkSameExampleShape(Files files, IdxFile.Header train, IdxFile.Header test) {
        List<Integer> trainShape = exampleShape(train.dimensions());
        List<Integer> testShape = exampleShape(test.dimensions());
        if (!trainShape.equals(testShape)) {
            throw malformed(
                    files.testImages(),
                    "holds examples of shape " + testShape + " but the training images " + files.trainImages() + " are "
                            + trainShape);
        }
    }

    private static void checkLabels(Path file, IdxFile labels, int images, Path imagesFile) {
        if (labels.dimensions().length != 1) {
            throw malformed(
                    file,
                    "is not a label file: it holds a " + labels.dimensions().length
                            + "-dimensional array, labels are one number per image");
        }
        if (labels.dimensions()[0] != images) {
            throw malformed(
                    file,
                    "holds " + labels.dimensions()[0] + " labels but " + imagesFile + " holds " + images + " images");
        }
    }

    private static void checkLabelRange(Path file, IdxFile labels, int classes, boolean declared) {
        byte[] data = labels.data();
        for (int i = 0; i < data.length; i++) {
            int label = data[i] & 0xff;
            if (label >= classes) {
                throw malformed(
                        file,
                        "label " + label + " of example " + i + " is outside the " + classes + " classes"
                                + (declared ? " declared by 'classes'" : ""));
            }
        }
    }

    private static int maxLabel(IdxFile labels) {
        int max = 0;
        for (byte b : labels.data()) {
            max = Math.max(max, b & 0xff);
        }
        return max;
    }

    /** One example's shape: [1, rows, cols] for images (one channel), [features] for n x features. */
    private static List<Integer> exampleShape(int[] dimensions) {
        return dimensions.length == 3 ? List.of(1, dimensions[1], dimensions[2]) : List.of(dimensions[1]);
    }

    private static DataFileException malformed(Path file, String problem) {
        return new DataFileException(file, DataFileException.Problem.MALFORMED, file + " " + problem);
    }

    /**
     * The normalised images and one-hot labels of the given rows, written row by row straight into off-heap
     * arrays: a heap copy of the features would stay in the JVM's resident memory for the whole run.
     */
    private static Split split(IdxFile images, IdxFile labels, int[] rows, int classes, Normalization pixels) {
        int width = (int) (new IdxFile.Header(images.dimensions()).count() / images.dimensions()[0]);
        if (rows.length == 0) {
            return new Split(Nd4j.zeros(DataType.FLOAT, 0, width), Nd4j.zeros(DataType.FLOAT, 0, classes));
        }
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows.length, width}, 'c');
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, classes);
        FloatBuffer features = x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] row = new float[width];
        float[] normalised = new float[256];
        for (int value = 0; value < 256; value++) {
            normalised[value] = (float) ((value / 255.0 - pixels.mean()) / pixels.std());
        }
        for (int r = 0; r < rows.length; r++) {
            int source = rows[r] * width;
            for (int p = 0; p < width; p++) {
                row[p] = normalised[images.data()[source + p] & 0xff];
            }
            features.put(r * width, row);
            y.putScalar(r, labels.data()[rows[r]] & 0xff, 1.0);
        }
        return new Split(x, y);
    }
}
