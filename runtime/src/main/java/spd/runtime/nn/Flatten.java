package spd.runtime.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An image batch {@code [B, c, h, w]} read as {@code [B, c*h*w]}: a reshape of C-order storage, no copy. */
public final class Flatten implements Layer {
    private final FlattenSpec spec;

    /** A flatten as declared. */
    public Flatten(FlattenSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Integer> outputShape() {
        return spec.outputShape();
    }

    @Override
    public INDArray forwardTraining(INDArray input) {
        return input.reshape('c', input.size(0), spec.input().size());
    }

    @Override
    public INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient) {
        return needInputGradient ? gradOutput.reshape('c', input.shape()) : null;
    }
}
