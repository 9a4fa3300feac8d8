package spd.runtime.reg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Allocation of arrays that outlive a training step, outside any active workspace. */
public final class Buffers {
    private Buffers() {}

    /** A zero float32 array of the given shape, detached from the step workspace. */
    @SuppressWarnings("try") // the scope is the point, not the resource
    public static INDArray persistent(long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(DataType.FLOAT, shape);
        }
    }

    /** A persistent array shaped like {@code like}. */
    public static INDArray persistentLike(INDArray like) {
        return persistent(like.shape());
    }
}
