package spd.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** Adam against a double-precision transcription of PyTorch's update, over several steps and lrs. */
class AdamTest {
    @Test
    void matchesPyTorchsUpdateIncludingBiasCorrectionAndEps() {
        int n = 50;
        SplittableRandom random = new SplittableRandom(3);
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) random.nextGaussian();
        }
        Parameter p = Parameter.of("w", Nd4j.create(start.clone(), new long[] {5, 10}, 'c'));
        OptimizerSpec.Adam spec = new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8);
        Adam adam = new Adam(spec, List.of(p));
        double[] w = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = start[i];
        }
        for (int t = 1; t <= 20; t++) {
            double lr = 0.01 * (1 - t / 40.0);
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                // Tiny gradients make eps matter; zero gradients check the v = 0 path.
                g[i] = i % 7 == 0 ? 0f : (float) (random.nextGaussian() * (i % 3 == 0 ? 1e-7 : 1));
            }
            p.gradient().assign(Nd4j.create(g, new long[] {5, 10}, 'c'));
            adam.update(List.of(p), lr);
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                w[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denominator;
            }
        }
        float[] actual = p.value().data().asFloat();
        for (int i = 0; i < n; i++) {
            assertEquals(w[i], actual[i], 1e-5, "weight " + i);
        }
        assertEquals(20, adam.steps());
    }

    @Test
    void snapshotAndRestoreContinueIdentically() {
        Parameter a = Parameter.of(
                "w",
                Nd4j.linspace(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 6, 6)
                        .reshape(2, 3)
                        .dup('c'));
        Parameter b = Parameter.of("w", a.value().dup('c'));
        Adam first = new Adam(OptimizerSpec.adam(0.1), List.of(a));
        a.gradient().assign(0.5);
        first.update(List.of(a), 0.1);
        Adam second = new Adam(OptimizerSpec.adam(0.1), List.of(b));
        b.value().assign(a.value());
        second.restore(first.snapshot(), first.steps());
        a.gradient().assign(-0.25);
        b.gradient().assign(-0.25);
        first.update(List.of(a), 0.1);
        second.update(List.of(b), 0.1);
        assertEquals(a.value(), b.value());
    }
}
