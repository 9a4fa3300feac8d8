package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The array exp and log against Math.exp and Math.log, and the seeded noise. */
class ElementMathTest {
    private static final int N = 1_000_000;

    @Test
    void expIsWithinOneTenMillionthOfMathExpOverTheFloatRange() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = -87f + 175.7f * i / N;
        }
        float[] out = new float[N];
        ElementMath.exp(x, out, N);
        for (int i = 0; i < N; i++) {
            double expected = Math.exp(x[i]);
            assertEquals(expected, out[i], 1e-7 * expected, "exp(" + x[i] + ")");
        }
    }

    @Test
    void expAppliesScaleAndOffsetAndSaturates() {
        float[] x = {-2f, 0f, 3f, 200f, -200f, -105f};
        float[] out = new float[x.length];
        ElementMath.exp(x, -1.5f, 0.25f, out, x.length);
        for (int i = 0; i < 3; i++) {
            double expected = Math.exp(-1.5 * x[i] + 0.25);
            assertEquals(expected, out[i], 1e-7 * expected);
        }
        ElementMath.exp(x, out, x.length);
        assertEquals(Float.POSITIVE_INFINITY, out[3]);
        assertEquals(0f, out[4]);
        assertEquals(0f, out[5]);
    }

    @Test
    void logIsWithinOneTenMillionthOfMathLogForPositiveNormalFloats() {
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) Math.exp(random.nextDouble(-69, 69));
        }
        x[0] = 1f;
        x[1] = Float.MIN_NORMAL;
        x[2] = Float.MAX_VALUE;
        float[] out = new float[N];
        ElementMath.log(x, new float[N], out, N);
        for (int i = 0; i < N; i++) {
            double expected = Math.log(x[i]);
            assertEquals(expected, out[i], 1e-7 * Math.max(1, Math.abs(expected)), "log(" + x[i] + ")");
        }
        assertEquals(0f, out[0]);
    }

    @Test
    void noiseIsReproducibleFromItsSeedAndHasTheRightMoments() {
        float[] a = new float[N];
        float[] b = new float[N];
        ElementMath.gaussian(42, a, N);
        ElementMath.gaussian(42, b, N);
        assertArrayEquals(a, b);
        double sum = 0;
        double squares = 0;
        for (float v : a) {
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / N, 5e-3);
        assertEquals(1, squares / N, 5e-3);
        ElementMath.uniform(7, 0.25, 0.5, a, N);
        for (float v : a) {
            assertTrue(v >= 0.25f && v <= 0.5f);
        }
    }
}
