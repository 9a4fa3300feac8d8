package spd.runtime.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} file: a zip of {@code .npy} arrays stored uncompressed (as {@code numpy.savez}
 * does, so a file's size is the size of its arrays), in the order they were added, written to a temporary
 * file and renamed so that a reader never sees a half-written file.
 */
public final class NpzWriter {
    private final Map<String, byte[]> arrays = new LinkedHashMap<>();

    /** Adds an array by name (without {@code .npy}); the bytes come from {@link NpyArray#encode}. */
    public NpzWriter add(String name, byte[] npy) {
        if (arrays.put(name, npy) != null) {
            throw new IllegalArgumentException("two arrays are named " + name);
        }
        return this;
    }

    /** Writes the file. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(array.getKey() + ".npy");
                entry.setTime(0); // a fixed time: the same arrays give the same bytes
                entry.setMethod(ZipEntry.STORED);
                CRC32 crc = new CRC32();
                crc.update(array.getValue());
                entry.setCrc(crc.getValue());
                entry.setSize(array.getValue().length);
                entry.setCompressedSize(array.getValue().length);
                zip.putNextEntry(entry);
                zip.write(array.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
