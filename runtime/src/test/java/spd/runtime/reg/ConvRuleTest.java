package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.VariationalDropout.Reparameterization;

/**
 * Every masking rule acts per weight on a conv kernel exactly as on a dense matrix: each rule's training
 * gradients on a conv layer (2 channels, 5x5 images, four 3x3 kernels with padding) match central differences
 * with its noise frozen, and the rules that act after the update (prox, magnitude pruning) shrink or zero
 * kernel entries one by one.
 */
class ConvRuleTest {
    private static final LogSum LOG_SUM = new LogSum(2);

    private static RuleGradientCheck onConv(Regularizer rule) {
        return RuleGradientCheck.conv(rule, 2, 5, 4, 3, 17, 50);
    }

    @Test
    void withoutAnyRule() {
        onConv(new Regularizer() {
                    @Override
                    public String kind() {
                        return "none";
                    }

                    @Override
                    public LayerRegularizer attach(spd.runtime.nn.WeightedLayer layer) {
                        return new Unregularized(layer);
                    }
                })
                .check(15, 1e-2, 2e-3);
    }

    @Test
    void classicalPenalty() {
        // 0.5 log(1 + w^2) and its derivative w/(1 + w^2): smooth at 0, where central differences of |w| would not be.
        onConv(Regularizers.penalty(
                        w -> Transforms.log(w.mul(w).addi(1), false).muli(0.5),
                        w -> w.div(w.mul(w).addi(1))))
                .check(15, 1e-2, 2e-3);
    }

    @Test
    void bernoulliDropConnectThroughTheMask() {
        onConv(Regularizers.bernoulliFixed(0.7)).check(15, 1e-2, 2e-3);
    }

    @Test
    void gaussianMaskThroughTheMask() {
        onConv(Regularizers.gaussian(w -> Nd4j.valueArrayOf(w.shape(), 0.3, DataType.FLOAT)))
                .check(15, 1e-2, 2e-3);
    }

    @Test
    void tikhonovWithAConstantKeep() {
        onConv(Regularizers.tikhonov(w -> Nd4j.valueArrayOf(w.shape(), 0.6, DataType.FLOAT), 1e-3))
                .check(15, 1e-2, 2e-3);
    }

    @Test
    void etaTrickLearnsEtaPerKernelEntry() {
        RuleGradientCheck check = onConv(EtaTrick.of(0.3, LOG_SUM::dual, LOG_SUM::dualDerivative, 0.5, 0.1));
        check.check(15, 1e-2, 3e-3);
        assertEquals(
                check.layer().weights().length(),
                check.rule().parameters().getFirst().value().length());
    }

    @ParameterizedTest
    @EnumSource(Reparameterization.class)
    void variationalDropoutIncludingLocalReparameterizationOnConvOutputs(Reparameterization kind) {
        RuleGradientCheck check = onConv(VariationalDropout.of(kind, Math.log(19)));
        INDArray w = check.layer().weights();
        INDArray magnitudes = Nd4j.linspace(0.3, 1.5, w.length(), DataType.FLOAT);
        for (long i = 0; i < w.length(); i++) {
            w.putScalar(i, (i % 2 == 0 ? 1 : -1) * magnitudes.getDouble((i * 7) % w.length()));
        }
        Parameter noise = check.rule().parameters().getFirst();
        noise.value()
                .assign(Nd4j.linspace(-3, 0.5, noise.value().length(), DataType.FLOAT)
                        .reshape(w.shape()));
        check.check(15, 1e-2, 3e-3);
    }

    @Test
    void hardConcreteGatesEveryKernelEntry() {
        onConv(HardConcrete.of(0.3)).check(15, 1e-2, 3e-3);
    }

    @Test
    void proxShrinksEveryKernelEntry() {
        RuleGradientCheck check = onConv(Regularizers.prox(
                (w, step) -> Nd4j.valueArrayOf(w.shape(), 0.5, DataType.FLOAT)
                        .muli(Transforms.abs(w, true).add(1))
                        .divi(Transforms.abs(w, true).add(1)),
                ProxScale.PLAIN));
        float[] before = check.layer().weights().data().asFloat();
        check.rule().afterUpdate(new TestStepContext(1, 0.1));
        float[] after = check.layer().weights().data().asFloat();
        for (int i = 0; i < before.length; i++) {
            before[i] *= 0.5f;
        }
        assertArrayEquals(before, after, 1e-6f);
    }

    @Test
    void magnitudePruningZeroesTheSmallestKernelEntries() {
        RuleGradientCheck check = onConv(MagnitudePruning.linear(0.5, 1, 1, 1));
        INDArray w = check.layer().weights();
        double median = Transforms.abs(w, true).medianNumber().doubleValue();
        ((MagnitudePruningLayer) check.rule()).prune(0.5);
        w.muli(check.rule().state().get("mask"));
        long zeros = w.length() - w.neq(0).castTo(DataType.INT32).sumNumber().longValue();
        assertEquals(w.length() / 2, zeros, 1, "half of the 72 kernel weights pruned");
        for (long i = 0; i < w.length(); i++) {
            assertTrue(w.getDouble(i) == 0 || Math.abs(w.getDouble(i)) >= median - 1e-6);
        }
    }
}
