package spd.runtime.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import spd.runtime.base.RunException;
import spd.runtime.data.DataDirectory;
import spd.runtime.data.DataSpec;
import spd.runtime.data.KnownIdxSet;

/**
 * The files a run's data comes from, with the SHA-256 of each file as stored: recorded in the manifest, and
 * compared when a run is resumed (other files would train another run).
 */
final class DataFiles {
    private DataFiles() {}

    /** A data file: its canonical name, where it was found, and the SHA-256 of its bytes. */
    record DataFile(String name, String path, String sha256) {}

    /**
     * The files of {@code spec} (none for generated or code-supplied data); missing files are left out. A named
     * data set's files are keyed by their canonical names, the user's own files by their paths.
     */
    static List<DataFile> of(DataSpec spec, Path dataFlag) {
        return switch (spec) {
            case DataSpec.Mnist mnist ->
                knownFiles(
                        KnownIdxSet.MNIST,
                        DataDirectory.resolve(dataFlag, mnist.directory()).path());
            case DataSpec.FashionMnist fashion ->
                knownFiles(
                        KnownIdxSet.FASHION_MNIST,
                        DataDirectory.fashionMnist(fashion.directory().orElse(null), dataFlag)
                                .path());
            case DataSpec.Idx idx -> userFiles(idx);
            case DataSpec.Npz npz -> userFiles(npz);
            case DataSpec.Csv csv -> userFiles(csv);
            case DataSpec.Linear linear -> List.of();
            case DataSpec.Provided provided -> List.of();
        };
    }

    private static List<DataFile> knownFiles(KnownIdxSet set, Path directory) {
        List<DataFile> files = new ArrayList<>();
        for (KnownIdxSet.FileSpec spec : set.files()) {
            for (String candidate : List.of(spec.name(), spec.name() + ".gz")) {
                Path file = directory.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    files.add(new DataFile(spec.name(), file.toString(), sha256(file)));
                    break;
                }
            }
        }
        return files;
    }

    private static List<DataFile> userFiles(DataSpec spec) {
        return spec.dataFiles().stream()
                .filter(Files::isRegularFile)
                .map(file -> new DataFile(file.toString(), file.toString(), sha256(file)))
                .toList();
    }

    /** The SHA-256 of a file's bytes, streamed. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new RunException("cannot read the data file %s: %s".formatted(file, RunDirectory.reason(e)), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
