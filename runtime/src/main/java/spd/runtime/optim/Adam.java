package spd.runtime.optim;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/**
 * Adam with PyTorch's semantics, in float32: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= (lr / (1 -
 * b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 *
 * <p>The update is one fused loop over plain Java arrays (which the JIT vectorizes), with the moments kept on
 * the heap and the gradient and weights moved by bulk copies: measured on LeNet-300-100, ND4J's native Adam op
 * took longer than all the step's matrix products, while this loop runs at memory speed.
 */
public final class Adam implements Optimizer {
    private final OptimizerSpec.Adam spec;
    private final Map<Parameter, Moments> moments = new LinkedHashMap<>();
    private float[] gradientScratch = new float[0];
    private float[] valueScratch = new float[0];
    private long steps;

    /** First and second moments of one parameter, and direct views of its off-heap value and gradient. */
    private record Moments(float[] first, float[] second, FloatBuffer value, FloatBuffer gradient) {}

    /** Adam for the given parameters with zero moments. */
    public Adam(OptimizerSpec.Adam spec, List<Parameter> parameters) {
        this.spec = spec;
        for (Parameter parameter : parameters) {
            int n = (int) parameter.value().length();
            moments.put(
                    parameter,
                    new Moments(new float[n], new float[n], floats(parameter.value()), floats(parameter.gradient())));
        }
    }

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void update(List<Parameter> parameters, double lr) {
        steps++;
        float b1 = (float) spec.beta1();
        float b2 = (float) spec.beta2();
        float stepSize = (float) (lr / (1 - Math.pow(spec.beta1(), steps)));
        float inverseCorrection = (float) (1 / Math.sqrt(1 - Math.pow(spec.beta2(), steps)));
        float eps = (float) spec.eps();
        for (Parameter parameter : parameters) {
            Moments state = moments.get(parameter);
            int n = state.first().length;
            float[] g = scratchGradient(n);
            float[] w = scratchValue(n);
            state.gradient().get(0, g, 0, n);
            state.value().get(0, w, 0, n);
            float[] m = state.first();
            float[] v = state.second();
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + (1 - b1) * gi;
                float vi = b2 * v[i] + (1 - b2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                w[i] -= stepSize * mi / ((float) Math.sqrt(vi) * inverseCorrection + eps);
            }
            state.value().put(0, w, 0, n);
        }
    }

    private float[] scratchGradient(int n) {
        if (gradientScratch.length < n) {
            gradientScratch = new float[n];
        }
        return gradientScratch;
    }

    private float[] scratchValue(int n) {
        if (valueScratch.length < n) {
            valueScratch = new float[n];
        }
        return valueScratch;
    }

    /** lr / (sqrt(v_hat) + eps) with v_hat = v / (1 - b2^t) after the last update (t = steps). */
    @Override
    public void stepSize(Parameter parameter, double lr, INDArray out) {
        float inverseCorrection = (float) (1 / Math.sqrt(1 - Math.pow(spec.beta2(), Math.max(steps, 1))));
        float eps = (float) spec.eps();
        float rate = (float) lr;
        float[] v = moments.get(parameter).second();
        float[] result = scratchValue(v.length);
        for (int i = 0; i < v.length; i++) {
            result[i] = rate / ((float) Math.sqrt(v[i]) * inverseCorrection + eps);
        }
        floats(out).put(0, result, 0, v.length);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, INDArray> snapshot() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        moments.forEach((parameter, m) -> {
            long[] shape = parameter.value().shape();
            state.put("adam.m." + parameter.name(), Nd4j.create(m.first().clone(), shape, 'c'));
            state.put("adam.v." + parameter.name(), Nd4j.create(m.second().clone(), shape, 'c'));
        });
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> arrays, long stepCount) {
        moments.forEach((parameter, m) -> {
            copy(arrays, "adam.m." + parameter.name(), m.first());
            copy(arrays, "adam.v." + parameter.name(), m.second());
        });
        this.steps = stepCount;
    }

    private static void copy(Map<String, INDArray> arrays, String name, float[] target) {
        INDArray stored = arrays.get(name);
        if (stored == null || stored.length() != target.length) {
            throw new IllegalArgumentException("the checkpoint lacks optimizer state " + name);
        }
        System.arraycopy(stored.dup('c').data().asFloat(), 0, target, 0, target.length);
    }
}
