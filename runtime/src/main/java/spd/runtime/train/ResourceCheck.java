package spd.runtime.train;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.ConvSpec;
import spd.runtime.nn.DenseSpec;
import spd.runtime.nn.LayerSpec;
import spd.runtime.nn.NetworkSpec;

/**
 * What a run will need, checked before anything is allocated: an experiment too large for this process fails
 * at once with a message that names the culprit, instead of an int overflow, an out-of-memory error or a
 * swap storm half-way. The estimates are deliberately generous (a run needs less), so that a run refused
 * here could not have run.
 */
final class ResourceCheck {
    /** The most elements one Java array holds, and so one weight array of the fused Java loops. */
    static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Native copies of each weight a run keeps: the weights, their gradient, Adam's two moments, up to two arrays
     * of rule state, the pruned evaluation copy, and a step's temporaries.
     */
    private static final int NATIVE_COPIES = 8;
    /** Java-heap copies of each weight: the host mirrors of the fused mask and optimizer loops. */
    private static final int HEAP_COPIES = 4;

    private ResourceCheck() {}

    /**
     * The memory this process may use: the Java heap, the native memory ND4J may allocate (JavaCPP's limit,
     * {@code -Dorg.bytedeco.javacpp.maxbytes}) and the machine's physical memory.
     */
    record Limits(long heap, long nativeMemory, long physical) {
        static Limits ofThisProcess() {
            Runtime runtime = Runtime.getRuntime();
            long heap = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
            long nativeLimit = Pointer.maxBytes() > 0 ? Pointer.maxBytes() - Pointer.totalBytes() : Long.MAX_VALUE;
            return new Limits(heap, nativeLimit, Pointer.totalPhysicalBytes());
        }
    }

    /** Checks {@code experiment} against this process's memory. */
    static void check(Experiment experiment) {
        check(experiment, Limits.ofThisProcess());
    }

    /** Checks {@code experiment} against {@code limits}; throws a {@link RunException} saying what does not fit. */
    static void check(Experiment experiment, Limits limits) {
        NetworkSpec network = experiment.network();
        long parameters = 0;
        for (LayerSpec.Weighted layer : network.weighted()) {
            if (layer.weightCount() > LARGEST_ARRAY) {
                throw new RunException("layer %s has %s = %,d weights, more than one array holds (%,d); make it smaller"
                        .formatted(layer.name(), dimensions(layer), layer.weightCount(), LARGEST_ARRAY));
            }
            parameters += layer.weightCount() + (layer.bias() ? biases(layer) : 0);
        }
        if (experiment.data() instanceof DataSpec.Linear linear && (long) linear.n() * linear.d() > LARGEST_ARRAY) {
            throw new RunException(
                    "linear data n = %,d by d = %,d is %,d values per split, more than one array holds (%,d); use fewer rows or features"
                            .formatted(linear.n(), linear.d(), (long) linear.n() * linear.d(), LARGEST_ARRAY));
        }
        long activations = (long) experiment.training().batch() * (network.inputs() + widths(network)) * 4 * 4;
        long nativeNeed = parameters * 4 * NATIVE_COPIES + activations + dataBytes(experiment.data());
        long heapNeed = parameters * 4 * HEAP_COPIES + dataBytes(experiment.data());
        String what =
                "the network's %,d parameters (weights, gradients, optimizer and rule state)".formatted(parameters);
        fits(what, heapNeed, limits.heap(), "Java heap left", "SPD_JAVA_OPTS=-Xmx...");
        fits(
                what,
                nativeNeed,
                Math.min(limits.nativeMemory(), limits.physical()),
                "native memory ND4J may use",
                "-Dorg.bytedeco.javacpp.maxbytes=... in SPD_JAVA_OPTS, on a machine with " + bytes(limits.physical()));
    }

    private static long widths(NetworkSpec network) {
        return network.layers().stream()
                .mapToLong(layer -> (long) layer.outputSize())
                .sum();
    }

    /** How the layer's weight count comes about, e.g. {@code 784 x 3,000,000}. */
    private static String dimensions(LayerSpec.Weighted layer) {
        return switch (layer) {
            case DenseSpec dense -> "%,d x %,d".formatted(dense.inputs(), dense.outputs());
            case ConvSpec conv -> "%,d filters x %,d inputs each".formatted(conv.filters(), conv.fanIn());
        };
    }

    /** One bias per output unit (dense) or per filter (conv). */
    private static long biases(LayerSpec.Weighted layer) {
        return switch (layer) {
            case DenseSpec dense -> dense.outputs();
            case ConvSpec conv -> conv.filters();
        };
    }

    /** The generated linear data: train and test splits of n x d floats, on the heap and copied natively. */
    private static long dataBytes(DataSpec data) {
        return data instanceof DataSpec.Linear linear ? 2L * 4 * ((long) linear.n() * linear.d() + linear.n()) : 0;
    }

    private static void fits(String what, long need, long limit, String limitName, String fix) {
        if (need > limit) {
            throw new RunException(
                    "this run needs about %s for %s and its data, more than the %s of %s; use smaller layers or less data, or raise the limit (%s)"
                            .formatted(bytes(need), what, bytes(limit), limitName, fix));
        }
    }

    private static String bytes(long count) {
        return count >= 1L << 30
                ? String.format(Locale.ROOT, "%.1f GB", count / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", count / (double) (1L << 20));
    }
}
