package spd.runtime.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** Plain stochastic gradient descent, w -= lr * g, as one BLAS axpy per parameter. */
public final class Sgd implements Optimizer {
    private long steps;

    @Override
    public void update(List<Parameter> parameters, double lr) {
        for (Parameter parameter : parameters) {
            Nd4j.getBlasWrapper()
                    .level1()
                    .axpy(parameter.value().length(), -lr, parameter.gradient(), parameter.value());
        }
        steps++;
    }

    @Override
    public void stepSize(Parameter parameter, double lr, INDArray out) {
        out.assign(lr);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, INDArray> snapshot() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, INDArray> arrays, long stepCount) {
        this.steps = stepCount;
    }
}
