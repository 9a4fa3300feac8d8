package spd.runtime.base;

/**
 * Element-wise loops over fixed chunks of an array, run on the step's compute threads: chunk k covers the
 * elements [k * SIZE, min(length, (k + 1) * SIZE)), decided by the array's length alone, never by the thread
 * count. A loop whose chunks write disjoint ranges, and whose random numbers come from a stream per chunk
 * seeded by {@link #seed}, therefore gives bit-for-bit the same result at any number of threads. An array of a
 * single chunk is processed on the caller's thread (below that size waking a second thread costs more than it
 * saves).
 */
public final class ElementChunks {
    /** Elements per chunk: 32,768 floats, 128 KiB per array, so a chunk's operands stay in a core's L2 cache. */
    public static final int SIZE = 1 << 15;

    /** The body of a chunked loop over elements [from, to). */
    @FunctionalInterface
    public interface Range {
        /** Processes elements [from, to). */
        void run(int from, int to);
    }

    /** The body of a chunked loop over elements [from, to) drawing from the chunk's own random stream. */
    @FunctionalInterface
    public interface SeededRange {
        /** Processes elements [from, to) with random numbers from a generator seeded with {@code seed}. */
        void run(long seed, int from, int to);
    }

    private ElementChunks() {}

    /** The number of chunks of an array of {@code length} elements (at least one). */
    public static int count(int length) {
        return Math.max(1, (length + SIZE - 1) / SIZE);
    }

    /** The first element of chunk {@code chunk}. */
    public static int from(int chunk) {
        return chunk * SIZE;
    }

    /** One past the last element of chunk {@code chunk} of an array of {@code length} elements. */
    public static int to(int chunk, int length) {
        return Math.min(length, (chunk + 1) * SIZE);
    }

    /** The seed of chunk {@code chunk}'s random stream in a loop seeded with {@code seed} (one seed per step). */
    public static long seed(long seed, int chunk) {
        return Seeds.derive(seed, chunk);
    }

    /** Runs {@code body} over the chunks of an array of {@code length} elements. */
    public static void forEach(int length, Range body) {
        ComputeThreads.forEachChunk(
                count(length), ComputeThreads.count(), chunk -> body.run(from(chunk), to(chunk, length)));
    }

    /** Runs {@code body} over the chunks of an array of {@code length} elements, each with its own seed. */
    public static void forEach(int length, long seed, SeededRange body) {
        ComputeThreads.forEachChunk(
                count(length),
                ComputeThreads.count(),
                chunk -> body.run(seed(seed, chunk), from(chunk), to(chunk, length)));
    }
}
