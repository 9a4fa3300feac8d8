package spd.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.ConvSpec;
import spd.runtime.nn.DenseSpec;
import spd.runtime.nn.LayerSpec;
import spd.runtime.nn.NetworkSpec;

/**
 * The matrix products of a plain training step, timed alone at the step's shapes with the same ND4J calls
 * as the step: the roofline a whole step is measured against ("fraction of the measured gemm rate").
 */
public final class GemmRoofline {
    private GemmRoofline() {}

    /** One product C = op(A) op(B) with C m x n and inner dimension k, as the step calls it. */
    public record Product(int m, int n, int k, boolean transposeA, boolean transposeB) {
        /** 2 m n k. */
        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** The sgemm rate measured over one pass through the products. */
    public record Rate(double flopsPerPass, double secondsPerPass) {
        /** Floating-point operations per second. */
        public double flopsPerSecond() {
            return flopsPerPass / secondsPerPass;
        }
    }

    /**
     * The products of one training step of a network at batch size {@code batch}: per layer with weights the
     * forward product x W, the weight gradient x^T g and, except for the first layer, the input gradient g W^T;
     * a conv layer's are the same products over its im2col matrix (one row per example and output pixel, one
     * column per channel and kernel position).
     */
    public static List<Product> trainingProducts(NetworkSpec network, int batch) {
        List<Product> products = new ArrayList<>();
        List<LayerSpec.Weighted> layers = network.weighted();
        for (int k = 0; k < layers.size(); k++) {
            int rows;
            int inputs;
            int outputs;
            switch (layers.get(k)) {
                case DenseSpec dense -> {
                    rows = batch;
                    inputs = dense.inputs();
                    outputs = dense.outputs();
                }
                case ConvSpec conv -> {
                    rows = batch * conv.output().height() * conv.output().width();
                    inputs = conv.fanIn();
                    outputs = conv.filters();
                }
            }
            products.add(new Product(rows, outputs, inputs, false, false));
            products.add(new Product(inputs, outputs, rows, true, false));
            if (k > 0) {
                products.add(new Product(rows, inputs, outputs, false, true));
            }
        }
        return products;
    }

    /** The FLOPs of the products of one training step. */
    public static double stepFlops(NetworkSpec network, int batch) {
        return trainingProducts(network, batch).stream()
                .mapToDouble(Product::flops)
                .sum();
    }

    /**
     * The best of {@code blocks} timings of passes through the products, on the calling thread with ND4J's
     * current thread settings; a block is as many passes as take about 20 ms (at most 1,000).
     */
    public static Rate measure(List<Product> products, int blocks) {
        List<INDArray[]> operands = new ArrayList<>();
        for (Product p : products) {
            INDArray a = p.transposeA() ? random(p.k(), p.m()) : random(p.m(), p.k());
            INDArray b = p.transposeB() ? random(p.n(), p.k()) : random(p.k(), p.n());
            operands.add(new INDArray[] {a, b, Nd4j.create(DataType.FLOAT, p.m(), p.n())});
        }
        int passes = 1;
        while (passes < 1000 && time(products, operands, passes) * passes < 0.02) {
            passes *= 2;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int block = 0; block < blocks; block++) {
            best = Math.min(best, time(products, operands, passes));
        }
        double flops = products.stream().mapToDouble(Product::flops).sum();
        return new Rate(flops, best);
    }

    /** Seconds per pass over {@code passes} passes. */
    private static double time(List<Product> products, List<INDArray[]> operands, int passes) {
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < products.size(); i++) {
                INDArray[] o = operands.get(i);
                Nd4j.gemm(
                        o[0],
                        o[1],
                        o[2],
                        products.get(i).transposeA(),
                        products.get(i).transposeB(),
                        1.0,
                        0.0);
            }
        }
        return (System.nanoTime() - start) / 1e9 / passes;
    }

    private static INDArray random(int rows, int columns) {
        return Nd4j.rand(DataType.FLOAT, rows, columns).subi(0.5);
    }
}
