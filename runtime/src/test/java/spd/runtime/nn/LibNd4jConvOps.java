package spd.runtime.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For comparison (benchmark and cross-check): the convolution and max-pooling kernels of libnd4j (im2col + gemm inside), on NCHW images and OIYX
 * weights ({@code filters x channels x size x size}, PyTorch's layout), writing into preallocated arrays. Any
 * floating type works, so the gradient checks run them in double precision.
 */
final class LibNd4jConvOps {
    /** libnd4j's argument for NCHW data (0) and for weights stored [out, in, kH, kW] (1). */
    private static final int NCHW = 0;

    private static final int OIYX = 1;
    private static final int EXPLICIT_PADDING = 0;

    private LibNd4jConvOps() {}

    /** {@code output = input (*) weights}: a cross-correlation without bias; output is [B, F, OH, OW]. */
    static void conv(INDArray input, INDArray weights, INDArray output, Kernel kernel) {
        exec(DynamicCustomOp.builder("conv2d")
                .addInputs(input, weights)
                .addOutputs(output)
                .addIntegerArguments(convArguments(kernel))
                .build());
    }

    /**
     * The gradients of {@link #conv} given dL/d(output): dL/d(input) into {@code gradInput} and dL/d(weights)
     * into {@code gradWeights} (both overwritten).
     */
    static void convBackward(
            INDArray input,
            INDArray weights,
            INDArray gradOutput,
            INDArray gradInput,
            INDArray gradWeights,
            Kernel kernel) {
        exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(input, weights, gradOutput)
                .addOutputs(gradInput, gradWeights)
                .addIntegerArguments(convArguments(kernel))
                .build());
    }

    /** Max pooling of every channel over {@code window}; output is [B, C, OH, OW]. */
    static void maxPool(INDArray input, INDArray output, Kernel window) {
        exec(DynamicCustomOp.builder("maxpool2d")
                .addInputs(input)
                .addOutputs(output)
                .addIntegerArguments(poolArguments(window))
                .build());
    }

    /** dL/d(input) of {@link #maxPool} given dL/d(output): the gradient goes to each window's maximum. */
    static void maxPoolBackward(INDArray input, INDArray gradOutput, INDArray gradInput, Kernel window) {
        exec(DynamicCustomOp.builder("maxpool2d_bp")
                .addInputs(input, gradOutput)
                .addOutputs(gradInput)
                .addIntegerArguments(poolArguments(window))
                .build());
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, padding mode, data format, weights format. */
    private static int[] convArguments(Kernel k) {
        return new int[] {
            k.size(), k.size(), k.stride(), k.stride(), k.padding(), k.padding(), 1, 1, EXPLICIT_PADDING, NCHW, OIYX
        };
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, padding mode, extra (unused for max), data format. */
    private static int[] poolArguments(Kernel k) {
        return new int[] {
            k.size(), k.size(), k.stride(), k.stride(), k.padding(), k.padding(), 1, 1, EXPLICIT_PADDING, 0, NCHW
        };
    }

    private static void exec(DynamicCustomOp op) {
        Nd4j.getExecutioner().exec(op);
    }
}
