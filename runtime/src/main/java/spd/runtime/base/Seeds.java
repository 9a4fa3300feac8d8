package spd.runtime.base;

/**
 * Derivation of independent random streams from the run's seed: every stream (initialisation of a layer,
 * the shuffle of an epoch, the masks of a layer in an epoch) gets its own seed as a hash of (seed, parts),
 * so a run resumed at an epoch boundary replays exactly the streams of an uninterrupted one.
 */
public final class Seeds {
    /** The stream of the training-set permutation. */
    public static final long SHUFFLE = 1;
    /** The stream of weight initialisation. */
    public static final long INIT = 2;
    /** The stream of a layer's masks; the layer index is the next part. */
    public static final long MASKS = 3;
    /** The stream of synthetic data and splits. */
    public static final long DATA = 4;
    /** The stream of a regularizer's own initialisation of its layer; the layer index is the next part. */
    public static final long REGULARIZER_INIT = 5;

    private Seeds() {}

    /** A 64-bit seed derived from {@code seed} and the parts, by SplitMix64 mixing. */
    public static long derive(long seed, long... parts) {
        long state = mix(seed);
        for (long part : parts) {
            state = mix(state ^ mix(part + 0x9E3779B97F4A7C15L));
        }
        return state;
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates) from the given seed. */
    public static int[] permutation(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
