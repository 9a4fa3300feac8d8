package spd.runtime.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes arrays as a NumPy {@code .npz} archive (a zip of {@code .npy} files, format version 1.0), which
 * {@code numpy.load} reads: float32 stays float32, integer arrays become int64, everything else float64.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npz() {}

    /** Writes {@code arrays} to {@code file}; a name may contain '/' (numpy keeps it in the key). */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                byte[] bytes = npy(entry.getValue());
                // Stored, not deflated: float noise does not compress, and deflating it cost seconds.
                ZipEntry stored = new ZipEntry(entry.getKey() + ".npy");
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    /** One array in the {@code .npy} format, C order. */
    static byte[] npy(INDArray array) {
        INDArray dense = array.dup('c');
        DataType type = dense.dataType();
        String descr;
        ByteBuffer data;
        int n = (int) dense.length();
        if (type == DataType.FLOAT) {
            descr = "<f4";
            data = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(dense.data().asFloat());
        } else if (type.isIntType()) {
            descr = "<i8";
            data = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            data.asLongBuffer().put(dense.data().asLong());
        } else {
            descr = "<f8";
            data = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            data.asDoubleBuffer().put(dense.data().asDouble());
        }
        StringJoiner shape = new StringJoiner(", ", "(", dense.rank() == 1 ? ",)" : ")");
        for (long size : dense.shape()) {
            shape.add(Long.toString(size));
        }
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // Magic (8) + header length (2) + header + padding + newline: a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + headerBytes.length + data.capacity())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) headerBytes.length).put(headerBytes).put(data.array());
        return out.array();
    }
}
