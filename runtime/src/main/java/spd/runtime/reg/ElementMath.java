package spd.runtime.reg;

import java.util.SplittableRandom;
import spd.runtime.base.ElementChunks;

/**
 * exp, log and Gaussian noise over whole float arrays, written so that the JIT vectorizes the arithmetic:
 * Math.exp and Math.log are scalar calls of 6 to 8 ns per element, which made them the largest cost of the
 * variational-dropout step on LeNet-300-100 (about 266,000 weights, several per weight per step).
 *
 * <ul>
 *   <li>exp(x) = (exp(x/256))^256, with exp(x/256) by its Taylor polynomial of degree 11 in double (|x/256| <=
 *       0.41, truncation error below 1e-13) and eight squarings; the float result is within 1e-7 relative
 *       of Math.exp over the float range (tested), with overflow to infinity and underflow to 0.
 *   <li>log(x) for positive normal floats: a scalar pass splits x into 2^e m with m in [1, 2), then log m =
 *       2 atanh((m - 1)/(m + 1)) by its series to degree 19 (|f| <= 1/3), within 1e-7 of Math.log.
 *   <li>Gaussian noise from a SplittableRandom per chunk seeded by one draw of the layer's step stream and the
 *       chunk's index, so the noise is as reproducible as the stream (ND4J's Gaussian op took 17 ns per value
 *       here, this 3).
 * </ul>
 *
 * <p>Every whole-array function runs over the fixed chunks of {@link ElementChunks} on the step's compute
 * threads, and results do not depend on the thread count; the {@code ...Range} functions do one chunk on the
 * calling thread, for rules that fuse several passes into one chunked loop.
 */
final class ElementMath {
    private ElementMath() {}

    /** out[i] = exp(scale * x[i] + offset) for i < n; out may be x. */
    static void exp(float[] x, float scale, float offset, float[] out, int n) {
        ElementChunks.forEach(n, (from, to) -> expRange(x, scale, offset, out, from, to));
    }

    /** out[i] = exp(scale * x[i] + offset) for from <= i < to, on the calling thread; out may be x. */
    static void expRange(float[] x, float scale, float offset, float[] out, int from, int to) {
        double s = scale / 256.0;
        double o = offset / 256.0;
        for (int i = from; i < to; i++) {
            double t = Math.max(-0.41, Math.min(0.347, s * x[i] + o));
            out[i] = (float) power256(taylorExp(t));
        }
    }

    /** out[i] = exp(x[i]) for i < n; out may be x. */
    static void exp(float[] x, float[] out, int n) {
        exp(x, 1f, 0f, out, n);
    }

    /** e^t for |t| <= 0.41 by Taylor's polynomial of degree 11. */
    private static double taylorExp(double t) {
        return 1
                + t
                        * (1
                                + t
                                        * (1.0 / 2
                                                + t
                                                        * (1.0 / 6
                                                                + t
                                                                        * (1.0 / 24
                                                                                + t
                                                                                        * (1.0 / 120
                                                                                                + t
                                                                                                        * (1.0 / 720
                                                                                                                + t
                                                                                                                        * (1.0
                                                                                                                                        / 5040
                                                                                                                                + t
                                                                                                                                        * (1.0
                                                                                                                                                        / 40320
                                                                                                                                                + t
                                                                                                                                                        * (1.0
                                                                                                                                                                        / 362880
                                                                                                                                                                + t
                                                                                                                                                                        * (1.0
                                                                                                                                                                                        / 3628800
                                                                                                                                                                                + t
                                                                                                                                                                                        * (1.0
                                                                                                                                                                                                / 39916800)))))))))));
    }

    private static double power256(double p) {
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p * p;
    }

    /**
     * out[i] = log(x[i]) for i < n, for positive normal floats (not 0, subnormals, infinity or NaN); {@code
     * exponent} is scratch of length >= n; out may be x.
     */
    static void log(float[] x, float[] exponent, float[] out, int n) {
        ElementChunks.forEach(n, (from, to) -> logRange(x, exponent, out, from, to));
    }

    /** out[i] = log(x[i]) for from <= i < to, on the calling thread, as {@link #log}. */
    static void logRange(float[] x, float[] exponent, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            int bits = Float.floatToRawIntBits(x[i]);
            exponent[i] = ((bits >>> 23) & 0xff) - 127;
            out[i] = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
        }
        for (int i = from; i < to; i++) {
            double m = out[i];
            double f = (m - 1) / (m + 1);
            double f2 = f * f;
            double series = 2
                    + f2
                            * (2.0 / 3
                                    + f2
                                            * (2.0 / 5
                                                    + f2
                                                            * (2.0 / 7
                                                                    + f2
                                                                            * (2.0 / 9
                                                                                    + f2
                                                                                            * (2.0 / 11
                                                                                                    + f2
                                                                                                            * (2.0 / 13
                                                                                                                    + f2
                                                                                                                            * (2.0
                                                                                                                                            / 15
                                                                                                                                    + f2
                                                                                                                                            * (2.0
                                                                                                                                                            / 17
                                                                                                                                                    + f2
                                                                                                                                                            * (2.0
                                                                                                                                                                    / 19)))))))));
            out[i] = (float) (exponent[i] * 0.6931471805599453 + f * series);
        }
    }

    /**
     * Fills out[0..n) with N(0, 1) values, each chunk from its own generator seeded by (seed, chunk index): the
     * same values at any number of threads.
     */
    static void gaussian(long seed, float[] out, int n) {
        ElementChunks.forEach(n, seed, (chunkSeed, from, to) -> gaussianRange(chunkSeed, out, from, to));
    }

    /** Fills out[from..to) with N(0, 1) values from a generator seeded with {@code chunkSeed}. */
    static void gaussianRange(long chunkSeed, float[] out, int from, int to) {
        SplittableRandom random = new SplittableRandom(chunkSeed);
        for (int i = from; i < to; i++) {
            out[i] = (float) random.nextGaussian();
        }
    }

    /**
     * Fills out[0..n) with uniform values in [low, high), each chunk from its own generator seeded by (seed, chunk
     * index): the same values at any number of threads.
     */
    static void uniform(long seed, double low, double high, float[] out, int n) {
        ElementChunks.forEach(n, seed, (chunkSeed, from, to) -> uniformRange(chunkSeed, low, high, out, from, to));
    }

    /** Fills out[from..to) with uniform values in [low, high) from a generator seeded with {@code chunkSeed}. */
    static void uniformRange(long chunkSeed, double low, double high, float[] out, int from, int to) {
        SplittableRandom random = new SplittableRandom(chunkSeed);
        for (int i = from; i < to; i++) {
            out[i] = (float) random.nextDouble(low, high);
        }
    }
}
