package spd.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy {@code .npy} array: its header (element type, byte order, memory order, shape) and raw data.
 * The header is parsed here, in plain Java, so that {@code spd check} can describe an npz file without
 * starting ND4J and so that every malformed or oversized file is refused with a message before any data is
 * allocated. Numeric types only: floats, signed and unsigned integers and booleans.
 *
 * @param kind the element kind: 'f' float, 'i' signed, 'u' unsigned integer, 'b' boolean
 * @param itemSize bytes per element
 * @param order the byte order of the elements
 * @param fortranOrder whether the data is in column-major order
 * @param shape the dimensions
 * @param data the elements, exactly {@code itemSize * count()} bytes
 */
public record NpyArray(char kind, int itemSize, ByteOrder order, boolean fortranOrder, long[] shape, ByteBuffer data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The header of an array: everything but the data. */
    public record Header(char kind, int itemSize, ByteOrder order, boolean fortranOrder, long[] shape) {
        /** The number of elements. */
        public long count() {
            long count = 1;
            for (long dimension : shape) {
                count = Math.multiplyExact(count, dimension);
            }
            return count;
        }

        /** Whether the elements are whole numbers (signed or unsigned integers, booleans). */
        public boolean isInteger() {
            return kind == 'i' || kind == 'u' || kind == 'b';
        }

        /** The NumPy type, e.g. "float32", "int64", for messages. */
        public String typeName() {
            return switch (kind) {
                case 'f' -> "float" + 8 * itemSize;
                case 'i' -> "int" + 8 * itemSize;
                case 'u' -> "uint" + 8 * itemSize;
                case 'b' -> "bool";
                default -> "'" + kind + itemSize + "'";
            };
        }

        /** The shape as NumPy prints it, e.g. (60000, 784). */
        public String shapeText() {
            return Arrays.toString(shape).replace('[', '(').replace(']', ')');
        }
    }

    /** The header of this array. */
    public Header header() {
        return new Header(kind, itemSize, order, fortranOrder, shape);
    }

    /**
     * Reads an array's header from a stream positioned at its start; {@code name} names it in messages.
     * Throws an {@link IOException} whose message says what is wrong.
     */
    public static Header readHeader(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new IOException(name + " is not a NumPy .npy array");
        }
        int major = magic[6];
        int length;
        if (major == 1) {
            byte[] size = in.readNBytes(2);
            length = size.length < 2
                    ? -1
                    : ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            byte[] size = in.readNBytes(4);
            length = size.length < 4
                    ? -1
                    : ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new IOException(name + " has .npy format version " + major + "; spd reads versions 1 to 3");
        }
        if (length < 0 || length > MAX_HEADER) {
            throw new IOException(name + " has a damaged .npy header");
        }
        byte[] text = in.readNBytes(length);
        if (text.length < length) {
            throw new IOException(name + " ends inside its .npy header");
        }
        return parseHeader(new String(text, StandardCharsets.UTF_8), name);
    }

    private static Header parseHeader(String text, String name) throws IOException {
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            if (text.contains("'descr'") && text.contains("[(")) {
                throw new IOException(name + " is a structured (record) array; spd reads plain numeric arrays");
            }
            throw new IOException(name + " has a .npy header spd cannot read: " + text.strip());
        }
        char kind = descr.group(2).charAt(0);
        int itemSize = Integer.parseInt(descr.group(3));
        boolean supported = switch (kind) {
            case 'f' -> itemSize == 4 || itemSize == 8;
            case 'i', 'u' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
            case 'b' -> itemSize == 1;
            default -> false;
        };
        if (!supported) {
            throw new IOException(name + " holds elements of NumPy type '" + descr.group(1) + kind + itemSize
                    + "'; spd reads float32/64, (unsigned) integers and booleans");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String[] parts = shape.group(1).split(",");
        long[] dimensions = Arrays.stream(parts)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .mapToLong(p -> {
                    try {
                        return Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                })
                .toArray();
        if (Arrays.stream(dimensions).anyMatch(d -> d < 0)) {
            throw new IOException(name + " has an invalid shape (" + shape.group(1) + ")");
        }
        return new Header(kind, itemSize, order, fortran.group(1).equals("True"), dimensions);
    }

    /**
     * Reads a whole array from a stream positioned at its start, refusing arrays past {@link DataLimits} before
     * reading their data, and streams that hold more or fewer bytes than the header announces.
     */
    public static NpyArray read(InputStream in, String name, java.nio.file.Path file) throws IOException {
        Header header = readHeader(in, name);
        long count;
        try {
            count = header.count();
        } catch (ArithmeticException e) {
            throw new DataFileException(
                    file, DataFileException.Problem.TOO_LARGE, name + " declares an impossibly large shape");
        }
        DataLimits.checkFits(file, name, count, Math.max(Float.BYTES, header.itemSize()));
        long bytes = count * header.itemSize();
        if (bytes > DataLimits.MAX_VALUES) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.TOO_LARGE,
                    name + " holds " + bytes + " bytes of data; spd reads at most " + DataLimits.MAX_VALUES
                            + " per array");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new IOException(
                    name + " should hold " + bytes + " bytes of data after its header but holds " + data.length);
        }
        if (in.read() >= 0) {
            throw new IOException(
                    name + " holds more data than its header announces (shape " + header.shapeText() + ")");
        }
        return new NpyArray(
                header.kind(),
                header.itemSize(),
                header.order(),
                header.fortranOrder(),
                header.shape(),
                ByteBuffer.wrap(data).order(header.order()));
    }

    /** The number of elements. */
    public long count() {
        return header().count();
    }

    /** Element {@code i} of the data in storage order, as a double (exact for every integer below 2^53). */
    private double element(int i) {
        int at = i * itemSize;
        return switch (kind) {
            case 'f' -> itemSize == 4 ? data.getFloat(at) : data.getDouble(at);
            case 'i' ->
                switch (itemSize) {
                    case 1 -> data.get(at);
                    case 2 -> data.getShort(at);
                    case 4 -> data.getInt(at);
                    default -> (double) data.getLong(at);
                };
            case 'u' ->
                switch (itemSize) {
                    case 1 -> data.get(at) & 0xff;
                    case 2 -> data.getShort(at) & 0xffff;
                    case 4 -> data.getInt(at) & 0xffffffffL;
                    default -> unsignedLong(data.getLong(at));
                };
            default -> data.get(at) != 0 ? 1 : 0;
        };
    }

    private static double unsignedLong(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2 + (value & 1);
    }

    /** The elements in C (row-major) order as doubles, converting from Fortran order if needed. */
    public double[] toDoubles() {
        int n = (int) count();
        double[] values = new double[n];
        if (!fortranOrder || shape.length < 2) {
            for (int i = 0; i < n; i++) {
                values[i] = element(i);
            }
            return values;
        }
        int rank = shape.length;
        long[] fortranStride = new long[rank];
        long stride = 1;
        for (int k = 0; k < rank; k++) {
            fortranStride[k] = stride;
            stride *= shape[k];
        }
        long[] index = new long[rank];
        for (int i = 0; i < n; i++) {
            long offset = 0;
            for (int k = 0; k < rank; k++) {
                offset += index[k] * fortranStride[k];
            }
            values[i] = element((int) offset);
            for (int k = rank - 1; k >= 0; k--) {
                if (++index[k] < shape[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return values;
    }

    /** The .npy bytes (format version 1.0, little-endian, C order) of a float32 array. */
    public static byte[] encode(float[] values, long... shape) {
        ByteBuffer body = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(values);
        return encode("<f4", shape, body.array());
    }

    /** The .npy bytes of an int32 array. */
    public static byte[] encode(int[] values, long... shape) {
        ByteBuffer body = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asIntBuffer().put(values);
        return encode("<i4", shape, body.array());
    }

    /** The .npy bytes of an int64 array. */
    public static byte[] encode(long[] values, long... shape) {
        ByteBuffer body = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asLongBuffer().put(values);
        return encode("<i8", shape, body.array());
    }

    /** The .npy bytes of a uint8 array (e.g. a 0/1 mask). */
    public static byte[] encode(byte[] values, long... shape) {
        return encode("|u1", shape, values);
    }

    private static byte[] encode(String descr, long[] shape, byte[] body) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1
                ? "(" + shape[0] + ",)"
                : "(" + dims.substring(0, Math.max(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        // The header is padded with spaces and a newline so that the data starts at a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + header.length() + 10);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
