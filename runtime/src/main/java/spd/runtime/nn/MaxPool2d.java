package spd.runtime.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Max pooling of each channel over a square window; no parameters. Buffers are preallocated per batch size. */
public final class MaxPool2d implements Layer {
    private final PoolSpec spec;
    private final MaxPooling pooling;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();

    private record Buffers(INDArray output, INDArray gradInput) {}

    /** A pooling layer as declared. */
    public MaxPool2d(PoolSpec spec) {
        this.spec = spec;
        this.pooling = new MaxPooling(spec.input().height(), spec.input().width(), spec.window());
    }

    @Override
    public List<Integer> outputShape() {
        return spec.outputShape();
    }

    @Override
    public INDArray forwardTraining(INDArray input) {
        INDArray output = buffers(input).output();
        pooling.forward(input, output);
        return output;
    }

    /** The evaluation pass into a new array. */
    public INDArray forwardEvaluation(INDArray input) {
        INDArray output = Nd4j.create(input.dataType(), batchShape((int) input.size(0)));
        pooling.forward(input, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray gradInput = buffers(input).gradInput();
        pooling.backward(input, gradOutput, gradInput);
        return gradInput;
    }

    @SuppressWarnings("try") // the scope is the point, not the resource
    private Buffers buffers(INDArray input) {
        int batch = (int) input.size(0);
        Buffers existing = buffersByBatch.get(batch);
        if (existing != null) {
            return existing;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Buffers created = new Buffers(
                    Nd4j.create(DataType.FLOAT, batchShape(batch)), Nd4j.create(DataType.FLOAT, input.shape()));
            buffersByBatch.put(batch, created);
            return created;
        }
    }
}
