package spd.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;

/**
 * The state of a run at an epoch boundary: every named array of the model and the metadata needed to go on
 * (epochs done, optimizer steps, elapsed time, metrics so far). Written atomically (temporary file, then
 * rename), so a kill during the write leaves the previous checkpoint intact.
 *
 * <p>Layout: the magic {@code SPDCKPT1}, the metadata as UTF-8 JSON (length-prefixed), the number of arrays,
 * then for each array its name and ND4J's binary serialisation.
 */
record Checkpoint(Metadata metadata, Map<String, INDArray> arrays) {
    static final String FILE_NAME = "checkpoint.bin";
    private static final String MAGIC = "SPDCKPT1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What besides arrays a resumed run needs. */
    record Metadata(
            String experiment,
            long seed,
            int epochs,
            int epochsCompleted,
            long optimizerSteps,
            double elapsedSeconds,
            List<EpochMetrics> history) {}

    /** Writes the checkpoint into {@code directory} atomically. */
    void write(Path directory) throws IOException {
        Path target = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try (OutputStream file = Files.newOutputStream(temporary);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 20))) {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            byte[] json = JSON.writeValueAsBytes(metadata);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                out.writeUTF(entry.getKey());
                Nd4j.write(entry.getValue(), out);
            }
        }
        RunDirectory.moveAtomically(temporary, target);
    }

    /** Reads the checkpoint of a run directory, or explains why it cannot. */
    static Checkpoint read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new RunException(
                    "%s holds no checkpoint (%s): the run stopped before its first epoch finished. Start it again without --resume."
                            .formatted(directory, FILE_NAME));
        }
        try (InputStream stream = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 20))) {
            byte[] magic = in.readNBytes(MAGIC.length());
            if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
                throw new IOException("not an spd checkpoint");
            }
            byte[] json = in.readNBytes(in.readInt());
            Metadata metadata = JSON.readValue(json, Metadata.class);
            int count = in.readInt();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                arrays.put(name, Nd4j.read(in));
            }
            return new Checkpoint(metadata, arrays);
        } catch (IOException | RuntimeException e) {
            throw new RunException(
                    "the checkpoint %s cannot be read (%s); the run cannot be resumed from it."
                            .formatted(file, e.getMessage()),
                    e);
        }
    }

    /** Copies the stored arrays into the model's live arrays, checking names and shapes. */
    void restoreInto(Map<String, INDArray> live) {
        for (Map.Entry<String, INDArray> entry : live.entrySet()) {
            INDArray stored = arrays.get(entry.getKey());
            if (stored == null
                    || !Arrays.equals(stored.shape(), entry.getValue().shape())) {
                throw new RunException(
                        "the checkpoint does not match the experiment: array %s is %s; was the .spd file changed since the run started?"
                                .formatted(entry.getKey(), stored == null ? "missing" : "of another shape"));
            }
            entry.getValue().assign(stored);
        }
    }
}
