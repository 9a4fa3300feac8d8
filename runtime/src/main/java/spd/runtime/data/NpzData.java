package spd.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tabular or image data from NumPy {@code .npz} files (as written by {@code numpy.savez} or
 * {@code savez_compressed}): a features array of shape {@code (n, ...)} and a labels array of shape
 * {@code (n,)} (classes, or one regression value) or {@code (n, k)} (k regression values), for training and
 * for testing. Every value is checked: no NaN or infinity in features or targets, integer labels within the
 * classes.
 */
public final class NpzData {
    private NpzData() {}

    /**
     * Where one split's arrays are: a file and the names of its features and labels arrays (without
     * {@code .npy}).
     */
    public record Arrays(Path file, String features, String labels) {}

    /** Describes the data from the arrays' headers, reading the labels to check them against the classes. */
    public static DataDescription describe(DataSpec.Npz spec) {
        NpyArray.Header trainFeatures = header(spec.train().file(), spec.train().features());
        NpyArray.Header testFeatures = header(spec.test().file(), spec.test().features());
        List<Integer> shape = exampleShape(spec.train(), trainFeatures);
        List<Integer> testShape = exampleShape(spec.test(), testFeatures);
        if (!shape.equals(testShape)) {
            throw malformed(
                    spec.test().file(),
                    spec.test().features() + " holds examples of shape " + testShape + " but the training features "
                            + spec.train().features() + " in " + spec.train().file() + " are " + shape);
        }
        Table train = labelsOnly(spec.train(), trainFeatures, spec.options());
        Table test = labelsOnly(spec.test(), testFeatures, spec.options());
        if (train.outputs() != test.outputs()) {
            throw malformed(
                    spec.test().file(),
                    spec.test().labels() + " has " + test.outputs()
                            + " values per example but the training labels have " + train.outputs());
        }
        return spec.options().isClassification()
                ? DataDescription.classification(shape, spec.options().classes())
                : DataDescription.regression(shape, train.outputs());
    }

    /** Loads, checks and splits the data. */
    public static Dataset load(DataSpec.Npz spec) {
        DataDescription description = describe(spec);
        Table train = table(spec.train(), spec.options());
        Table test = table(spec.test(), spec.options());
        return Table.dataset(train, test, spec.options(), description.featureShape());
    }

    private static List<Integer> exampleShape(Arrays arrays, NpyArray.Header features) {
        long[] shape = features.shape();
        long count;
        try {
            count = features.count();
        } catch (ArithmeticException e) {
            count = -1;
        }
        DataLimits.checkFits(arrays.file(), "array '" + arrays.features() + "'", count, Float.BYTES);
        if (shape.length == 0) {
            throw malformed(arrays.file(), arrays.features() + " is a single number, not an array of examples");
        }
        if (shape[0] == 0) {
            throw malformed(
                    arrays.file(), arrays.features() + " holds no examples (shape " + features.shapeText() + ")");
        }
        List<Integer> example = new ArrayList<>();
        for (int k = 1; k < shape.length; k++) {
            if (shape[k] == 0 || shape[k] > Integer.MAX_VALUE) {
                throw malformed(
                        arrays.file(),
                        arrays.features() + " has shape " + features.shapeText()
                                + ": every dimension must be from 1 to 2^31 - 1");
            }
            example.add((int) shape[k]);
        }
        return example.isEmpty() ? List.of(1) : example;
    }

    /** The labels of a split, checked; the features are left empty. */
    private static Table labelsOnly(Arrays arrays, NpyArray.Header features, DataSpec.TableOptions options) {
        NpyArray labels = array(arrays.file(), arrays.labels());
        return targets(arrays, labels, features.shape()[0], options, new float[0], 0);
    }

    private static Table table(Arrays arrays, DataSpec.TableOptions options) {
        NpyArray features = array(arrays.file(), arrays.features());
        int rows = (int) features.shape()[0];
        int width = (int) (features.count() / rows);
        double[] values = features.toDoubles();
        float[] x = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw malformed(
                        arrays.file(),
                        arrays.features() + " holds " + values[i] + " at example " + i / width + ", feature "
                                + i % width + " (counting from 0); features must be finite numbers");
            }
            x[i] = (float) values[i];
        }
        return targets(arrays, array(arrays.file(), arrays.labels()), rows, options, x, width);
    }

    private static Table targets(
            Arrays arrays, NpyArray labels, long rows, DataSpec.TableOptions options, float[] features, int width) {
        long[] shape = labels.shape();
        String name = arrays.labels();
        if (shape.length == 0 || shape.length > 2 || shape[0] != rows) {
            throw malformed(
                    arrays.file(),
                    name + " has shape " + labels.header().shapeText() + " but " + arrays.features() + " holds " + rows
                            + " examples; labels are (" + rows + ",) or (" + rows + ", k)");
        }
        int n = (int) rows;
        double[] values = labels.toDoubles();
        if (options.isClassification()) {
            if (shape.length == 2 && shape[1] != 1) {
                throw malformed(
                        arrays.file(),
                        name + " has shape " + labels.header().shapeText()
                                + "; class labels are one integer per example");
            }
            if (!labels.header().isInteger()) {
                throw malformed(
                        arrays.file(),
                        name + " holds " + labels.header().typeName()
                                + " values; class labels must be an integer type (or drop 'classes' for regression)");
            }
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                if (values[i] < 0 || values[i] >= options.classes()) {
                    throw malformed(
                            arrays.file(),
                            name + ": label " + (long) values[i] + " of example " + i + " is outside the "
                                    + options.classes() + " classes (0 to " + (options.classes() - 1) + ")");
                }
                classes[i] = (int) values[i];
            }
            return new Table(arrays.file(), n, width, features, classes, null, options.classes());
        }
        int outputs = shape.length == 2 ? (int) shape[1] : 1;
        float[] targets = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw malformed(
                        arrays.file(),
                        name + " holds " + values[i] + " at example " + i / outputs
                                + "; regression targets must be finite numbers");
            }
            targets[i] = (float) values[i];
        }
        if (outputs == 0) {
            throw malformed(
                    arrays.file(), name + " has shape " + labels.header().shapeText() + ": no target values");
        }
        return new Table(arrays.file(), n, width, features, null, targets, outputs);
    }

    private static NpyArray.Header header(Path file, String name) {
        return withEntry(file, name, (in, entryName) -> NpyArray.readHeader(in, entryName + " in " + file));
    }

    private static NpyArray array(Path file, String name) {
        return withEntry(file, name, (in, entryName) -> NpyArray.read(in, entryName + " in " + file, file));
    }

    private interface EntryReader<T> {
        T read(InputStream in, String entryName) throws IOException;
    }

    private static <T> T withEntry(Path file, String name, EntryReader<T> reader) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, DataFileException.Problem.UNREADABLE, "no such data file " + file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                List<String> names = Collections.list(zip.entries()).stream()
                        .map(ZipEntry::getName)
                        .map(n -> n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n)
                        .sorted()
                        .toList();
                throw malformed(
                        file, "holds no array named '" + name + "'; its arrays are " + String.join(", ", names));
            }
            if (entry.getSize() > DataLimits.MAX_VALUES * 2) {
                throw new DataFileException(
                        file,
                        DataFileException.Problem.TOO_LARGE,
                        file + ": array '" + name + "' decompresses to " + entry.getSize()
                                + " bytes, past spd's limits");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return reader.read(in, "array '" + name + "'");
            }
        } catch (ZipException e) {
            throw malformed(file, "is not a valid .npz (zip) file: " + e.getMessage());
        } catch (IOException e) {
            throw new DataFileException(file, DataFileException.Problem.MALFORMED, file + ": " + e.getMessage(), e);
        }
    }

    private static DataFileException malformed(Path file, String problem) {
        return new DataFileException(file, DataFileException.Problem.MALFORMED, file + ": " + problem);
    }
}
