package spd.runtime.data;

import java.nio.file.Path;

/**
 * Size limits checked before any data is decoded or allocated, so that a huge or hostile file (a gzip bomb,
 * a header claiming billions of values) stops with the file named instead of exhausting memory.
 */
public final class DataLimits {
    /** The most values one array may hold: Java arrays are indexed by int. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private DataLimits() {}

    /**
     * Checks that {@code values} values, held as {@code bytesPerValue}-byte numbers once loaded, fit in one
     * array and in the memory this process may use.
     */
    public static void checkFits(Path file, String what, long values, int bytesPerValue) {
        if (values < 0 || values > MAX_VALUES) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.TOO_LARGE,
                    "%s: %s would hold %,d values; spd reads at most %,d values per array"
                            .formatted(file, what, values, MAX_VALUES));
        }
        long bytes = values * bytesPerValue;
        long budget = Runtime.getRuntime().maxMemory();
        if (bytes > budget) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.TOO_LARGE,
                    "%s: %s needs %,d MB once loaded, more than the %,d MB this process may use (raise -Xmx, or use a smaller file)"
                            .formatted(file, what, bytes >> 20, budget >> 20));
        }
    }
}
