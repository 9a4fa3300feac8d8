package spd.runtime.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spd.runtime.data.NpyArray;
import spd.runtime.data.NpzWriter;
import spd.runtime.train.TrainedModel;

/**
 * Writes a trained, pruned model as a NumPy {@code .npz} file that PyTorch or NumPy users load without spd.
 *
 * <p>Per layer {@code L}: {@code L.bias} (float32, {@code (out,)}) and either, in the dense format,
 * {@code L.weight} (float32, {@code (out, in)}, PyTorch's {@code nn.Linear.weight} orientation, pruned
 * entries exactly 0) and {@code L.mask} (uint8, 1 where the weight is kept), or, in the CSR format, the
 * kept weights as compressed sparse rows in SciPy's convention: {@code L.weight.data} (float32),
 * {@code L.weight.indices} (int32 column indices), {@code L.weight.indptr} (int32, {@code out + 1} row
 * starts) and {@code L.weight.shape} (int64 {@code [out, in]}); the sparsity pattern is the mask. Three
 * UTF-8 JSON documents travel as uint8 arrays: {@code model} (format, orientation, layers with sizes and
 * activations), {@code manifest} and {@code summary} (copies of the run's files).
 */
public final class ModelFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How weight matrices are stored. */
    public enum Format {
        /** Dense {@code (out, in)} arrays with a mask. */
        DENSE,
        /** Compressed sparse rows: only kept weights are stored. */
        CSR
    }

    private ModelFile() {}

    /** Writes the model with copies of the run's manifest and summary (either may be null when absent). */
    public static void write(TrainedModel model, Format format, byte[] manifest, byte[] summary, Path file)
            throws IOException {
        NpzWriter npz = new NpzWriter();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (TrainedModel.Layer layer : model.layers()) {
            switch (format) {
                case DENSE -> dense(npz, layer);
                case CSR -> csr(npz, layer);
            }
            if (layer.bias() != null) {
                npz.add(layer.name() + ".bias", NpyArray.encode(layer.bias(), layer.outputs()));
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("name", layer.name());
            description.put("kind", layer.kind());
            description.put("weight_shape", layer.shape());
            description.put("bias", layer.bias() != null);
            description.put("activation", layer.activation().name().toLowerCase(Locale.ROOT));
            description.put("kept_weights", layer.keptCount());
            layers.add(description);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("experiment", model.experiment());
        header.put("format", format.name().toLowerCase(Locale.ROOT));
        header.put(
                "orientation",
                "linear: weight (out, in) as torch.nn.Linear.weight, y = x @ weight.T + bias; conv2d: weight (out, in, kh, kw)"
                        + " as torch.nn.Conv2d.weight; csr: the weight as a matrix (out, rest)");
        header.put("layers", layers);
        npz.add("model", json(JSON.writeValueAsBytes(header)));
        if (manifest != null) {
            npz.add("manifest", json(manifest));
        }
        if (summary != null) {
            npz.add("summary", json(summary));
        }
        npz.write(file);
    }

    /** Writes the model of a run directory, copying its manifest.json and summary.json. */
    public static void write(TrainedModel model, Format format, Path runDirectory, Path file) throws IOException {
        write(
                model,
                format,
                readIfPresent(runDirectory.resolve("manifest.json")),
                readIfPresent(runDirectory.resolve("summary.json")),
                file);
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private static byte[] json(byte[] utf8) {
        return NpyArray.encode(utf8, utf8.length);
    }

    private static void dense(NpzWriter npz, TrainedModel.Layer layer) {
        byte[] mask = new byte[layer.kept().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (layer.kept()[i] ? 1 : 0);
        }
        npz.add(layer.name() + ".weight", NpyArray.encode(layer.weight(), layer.shape()));
        npz.add(layer.name() + ".mask", NpyArray.encode(mask, layer.shape()));
    }

    private static void csr(NpzWriter npz, TrainedModel.Layer layer) {
        int kept = (int) layer.keptCount();
        float[] data = new float[kept];
        int[] indices = new int[kept];
        int[] indptr = new int[layer.outputs() + 1];
        int next = 0;
        for (int row = 0; row < layer.outputs(); row++) {
            for (int col = 0; col < layer.inputs(); col++) {
                int at = row * layer.inputs() + col;
                if (layer.kept()[at]) {
                    data[next] = layer.weight()[at];
                    indices[next] = col;
                    next++;
                }
            }
            indptr[row + 1] = next;
        }
        String name = layer.name() + ".weight";
        npz.add(name + ".data", NpyArray.encode(data, kept));
        npz.add(name + ".indices", NpyArray.encode(indices, kept));
        npz.add(name + ".indptr", NpyArray.encode(indptr, layer.outputs() + 1));
        npz.add(name + ".shape", NpyArray.encode(new long[] {layer.outputs(), layer.inputs()}, 2));
    }
}
