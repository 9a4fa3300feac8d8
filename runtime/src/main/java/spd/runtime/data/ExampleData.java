package spd.runtime.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The small seeded data files the npz and CSV examples train on, generated rather than committed:
 * {@code blobs.npz} (four Gaussian classes in 20 dimensions, training and test arrays in one file) and
 * {@code houses.csv} / {@code houses_test.csv} (a regression: a price from eight features, of which three
 * matter, with a header line).
 */
public final class ExampleData {
    /** The files written, relative to the directory. */
    public static final List<String> FILES = List.of("blobs.npz", "houses.csv", "houses_test.csv");

    private static final int BLOB_FEATURES = 20;
    private static final int BLOB_CLASSES = 4;
    private static final String[] HOUSE_COLUMNS = {
        "rooms", "age", "distance", "noise1", "noise2", "noise3", "noise4", "noise5", "price"
    };

    private ExampleData() {}

    /** Writes every file into {@code directory}; the same bytes every time. */
    public static void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        SplittableRandom random = new SplittableRandom(20240611L);
        writeBlobs(directory.resolve("blobs.npz"), random.split());
        SplittableRandom houses = random.split();
        writeHouses(directory.resolve("houses.csv"), 800, houses);
        writeHouses(directory.resolve("houses_test.csv"), 200, houses);
    }

    /** Whether every file is there. */
    public static boolean isPresent(Path directory) {
        return FILES.stream().allMatch(name -> Files.isRegularFile(directory.resolve(name)));
    }

    private static void writeBlobs(Path file, SplittableRandom random) throws IOException {
        double[][] centres = new double[BLOB_CLASSES][BLOB_FEATURES];
        for (double[] centre : centres) {
            for (int j = 0; j < BLOB_FEATURES; j++) {
                centre[j] = 1.5 * random.nextGaussian();
            }
        }
        NpzWriter npz = new NpzWriter();
        addBlobs(npz, "x", "y", 2000, centres, random);
        addBlobs(npz, "x_test", "y_test", 500, centres, random);
        npz.write(file);
    }

    private static void addBlobs(
            NpzWriter npz, String features, String labels, int n, double[][] centres, SplittableRandom random) {
        float[] x = new float[n * BLOB_FEATURES];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(BLOB_CLASSES);
            y[i] = label;
            for (int j = 0; j < BLOB_FEATURES; j++) {
                x[i * BLOB_FEATURES + j] = (float) (centres[label][j] + 2.0 * random.nextGaussian());
            }
        }
        npz.add(features, NpyArray.encode(x, n, BLOB_FEATURES)).add(labels, NpyArray.encode(y, n));
    }

    private static void writeHouses(Path file, int n, SplittableRandom random) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        out,
                        CSVFormat.DEFAULT.builder().setHeader(HOUSE_COLUMNS).get())) {
            for (int i = 0; i < n; i++) {
                double rooms = 2 + random.nextInt(6);
                double age = 80 * random.nextDouble();
                double distance = 30 * random.nextDouble();
                double price = 50 + 40 * rooms - 0.8 * age - 3 * distance + 10 * random.nextGaussian();
                Object[] row = new Object[HOUSE_COLUMNS.length];
                row[0] = format(rooms);
                row[1] = format(age);
                row[2] = format(distance);
                for (int k = 3; k < 8; k++) {
                    row[k] = format(random.nextGaussian());
                }
                row[8] = format(price);
                csv.printRecord(row);
            }
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
