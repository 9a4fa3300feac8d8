package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The synthetic linear regression: shapes, support size, noise level and reproducibility. */
class LinearRegressionTest {
    @Test
    void generatesTheDeclaredModelReproducibly() {
        DataSpec.Linear spec = DataSpec.linear(2000, 50, 7, 0.1, 3);
        LinearRegression.Generated first = LinearRegression.generate(spec);
        LinearRegression.Generated second = LinearRegression.generate(spec);
        Dataset data = first.dataset();
        assertArrayEquals(new long[] {2000, 50}, data.train().features().shape());
        assertArrayEquals(new long[] {2000, 1}, data.train().targets().shape());
        assertEquals(2000, data.test().size());
        assertEquals(0, data.validation().size());
        assertEquals(7, Arrays.stream(first.trueWeights()).filter(w -> w != 0).count());
        assertArrayEquals(first.trueWeights(), second.trueWeights());
        assertEquals(data.train().features(), second.dataset().train().features());

        INDArray x = data.train().features();
        assertEquals(0, x.meanNumber().doubleValue(), 0.01);
        assertEquals(1, x.stdNumber().doubleValue(), 0.01);
        INDArray w = Nd4j.create(first.trueWeights(), new long[] {50, 1}).castTo(x.dataType());
        INDArray residual = data.train().targets().sub(x.mmul(w));
        assertEquals(0.1, residual.stdNumber().doubleValue(), 0.01, "noise standard deviation");
        assertEquals(
                false,
                Arrays.equals(
                        first.trueWeights(),
                        LinearRegression.generate(DataSpec.linear(2000, 50, 7, 0.1, 4))
                                .trueWeights()));
    }
}
