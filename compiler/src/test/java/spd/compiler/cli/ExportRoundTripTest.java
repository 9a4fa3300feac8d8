package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.runtime.data.ExampleData;

/**
 * {@code spd export} end to end: a short run on the generated blobs, exported dense and as CSR, read back by a
 * small NumPy-format reader of this test's own (not spd's), reproduces the run's test accuracy exactly, with
 * pruned weights exactly zero and the CSR structure equal to the mask.
 */
class ExportRoundTripTest {
    private static final String EXPERIMENT = """
      import std
      experiment blobs {
        data npz "blobs.npz" { classes 4, validation 0.2 }
        network { input 20  dense 32 relu  dense 4  loss cross_entropy }
        let lambda = 0.03
        eta = logsum(eps: 2)
        mask tikhonov { keep = eta / (eta + lambda) }
        train adam(lr = 1e-2) { epochs 4, batch 64, seed 3 }
        prune keep < 0.05
      }
      """;

    @TempDir
    static Path directory;

    static Path run;
    static double runAccuracy;

    @BeforeAll
    static void trainAShortRun() throws IOException {
        ExampleData.write(directory);
        Path source = Files.writeString(directory.resolve("blobs.spd"), EXPERIMENT);
        run = directory.resolve("run");
        assertEquals(0, Main.execute("run", source.toString(), "--out", run.toString(), "--quiet"));
        JsonNode summary =
                new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        runAccuracy = summary.get("test_accuracy").asDouble();
    }

    @Test
    void theDenseExportReproducesTheTestAccuracyAndZeroesPrunedWeights() throws IOException {
        Path model = directory.resolve("model.npz");
        assertEquals(0, Main.execute("export", run.toString(), "-o", model.toString()));
        Map<String, Array> arrays = NumpyFile.read(model);
        float[][] weights = new float[2][];
        for (int k = 0; k < 2; k++) {
            Array weight = arrays.get("fc" + (k + 1) + ".weight");
            Array mask = arrays.get("fc" + (k + 1) + ".mask");
            assertEquals("<f4", weight.descr());
            assertArrayEquals(mask.shape(), weight.shape());
            for (int i = 0; i < weight.values().length; i++) {
                assertTrue(mask.values()[i] == 1 || weight.values()[i] == 0, "a pruned weight is exactly zero");
            }
            weights[k] = weight.floats();
        }
        assertArrayEquals(new long[] {32, 20}, arrays.get("fc1.weight").shape(), "PyTorch's (out, in) orientation");
        String manifest = new String(arrays.get("manifest").bytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"experiment\""), manifest);
        assertEquals(runAccuracy, accuracy(weights, arrays), 0.0);
    }

    @Test
    void theCsrExportHoldsOnlyKeptWeightsAndGivesTheSameModel() throws IOException {
        Path dense = directory.resolve("dense.npz");
        Path csr = directory.resolve("csr.npz");
        assertEquals(0, Main.execute("export", run.toString(), "-o", dense.toString()));
        assertEquals(0, Main.execute("export", run.toString(), "-o", csr.toString(), "--format", "csr"));
        Map<String, Array> denseArrays = NumpyFile.read(dense);
        Map<String, Array> csrArrays = NumpyFile.read(csr);
        float[][] weights = new float[2][];
        for (int k = 0; k < 2; k++) {
            String name = "fc" + (k + 1) + ".weight";
            long[] shape = csrArrays.get(name + ".shape").longs();
            int rows = (int) shape[0];
            int cols = (int) shape[1];
            long[] indptr = csrArrays.get(name + ".indptr").longs();
            long[] indices = csrArrays.get(name + ".indices").longs();
            float[] data = csrArrays.get(name + ".data").floats();
            float[] rebuilt = new float[rows * cols];
            float[] structure = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (long j = indptr[r]; j < indptr[r + 1]; j++) {
                    rebuilt[r * cols + (int) indices[(int) j]] = data[(int) j];
                    structure[r * cols + (int) indices[(int) j]] = 1;
                }
            }
            assertArrayEquals(denseArrays.get(name).floats(), rebuilt);
            assertArrayEquals(
                    denseArrays.get("fc" + (k + 1) + ".mask").floats(), structure, "the CSR pattern is the mask");
            weights[k] = rebuilt;
        }
        assertEquals(runAccuracy, accuracy(weights, denseArrays), 0.0);
    }

    /** The test accuracy of the exported weights on the test arrays of blobs.npz (features not standardised). */
    private static double accuracy(float[][] weights, Map<String, Array> model) throws IOException {
        Map<String, Array> data = NumpyFile.read(directory.resolve("blobs.npz"));
        float[] x = data.get("x_test").floats();
        long[] y = data.get("y_test").longs();
        int n = y.length;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            float[] activation = Arrays.copyOfRange(x, i * 20, (i + 1) * 20);
            for (int k = 0; k < 2; k++) {
                float[] bias = model.get("fc" + (k + 1) + ".bias").floats();
                activation = linear(weights[k], bias, activation, k == 0);
            }
            int best = 0;
            for (int c = 1; c < activation.length; c++) {
                best = activation[c] > activation[best] ? c : best;
            }
            correct += best == y[i] ? 1 : 0;
        }
        return (double) correct / n;
    }

    /** y = x W^T + b with W stored (out, in), then ReLU when asked. */
    private static float[] linear(float[] weight, float[] bias, float[] input, boolean relu) {
        float[] output = new float[bias.length];
        for (int o = 0; o < output.length; o++) {
            float sum = 0;
            for (int i = 0; i < input.length; i++) {
                sum += weight[o * input.length + i] * input[i];
            }
            output[o] = relu ? Math.max(0, sum + bias[o]) : sum + bias[o];
        }
        return output;
    }

    /** One array of a NumPy file: its type, shape and values. */
    record Array(String descr, long[] shape, ByteBuffer data) {
        double[] values() {
            int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (descr) {
                    case "<f4" -> data.getFloat(4 * i);
                    case "<i4" -> data.getInt(4 * i);
                    case "<i8" -> data.getLong(8 * i);
                    case "|u1" -> data.get(i) & 0xff;
                    default -> throw new IllegalStateException("unexpected type " + descr);
                };
            }
            return values;
        }

        float[] floats() {
            double[] values = values();
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            return floats;
        }

        long[] longs() {
            return Arrays.stream(values()).mapToLong(v -> (long) v).toArray();
        }

        byte[] bytes() {
            return Arrays.copyOf(data.array(), data.capacity());
        }
    }

    /** A minimal reader of .npz files as NumPy writes them (version 1 headers, little-endian, C order). */
    static final class NumpyFile {
        private static final Pattern DESCR = Pattern.compile("'descr': '([^']+)'");
        private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

        static Map<String, Array> read(Path file) throws IOException {
            Map<String, Array> arrays = new HashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        arrays.put(entry.getName().replaceFirst("\\.npy$", ""), array(in.readAllBytes()));
                    }
                }
            }
            return arrays;
        }

        private static Array array(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((byte) 0x93, bytes[0]);
            assertEquals(1, bytes[6], "format version 1.0");
            int headerLength = buffer.getShort(8) & 0xffff;
            String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
            assertEquals(0, (10 + headerLength) % 64, "the data is 64-byte aligned");
            Matcher descr = DESCR.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            assertTrue(descr.find() && shape.find() && header.contains("'fortran_order': False"), header);
            long[] dims = Arrays.stream(shape.group(1).split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong)
                    .toArray();
            ByteBuffer data = ByteBuffer.wrap(Arrays.copyOfRange(bytes, 10 + headerLength, bytes.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new Array(descr.group(1), dims, data);
        }
    }
}
