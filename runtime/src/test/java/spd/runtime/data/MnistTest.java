package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real MNIST files: counts, split, normalisation and labels (skipped when the files are absent). */
@Tag("mnist")
class MnistTest {
    @Test
    void loadsVerifiesNormalisesAndSplits() {
        DataDirectory directory = DataDirectory.resolve(null);
        assumeTrue(
                Mnist.isPresent(directory.path()),
                "MNIST is not in " + directory.path() + " (" + directory.source()
                        + "); run scripts/fetch-mnist.sh to include this test");
        Dataset data = Mnist.load(directory, 0.2, 42);
        assertEquals(48_000, data.train().size());
        assertEquals(12_000, data.validation().size());
        assertEquals(10_000, data.test().size());
        assertArrayEquals(new long[] {48_000, 784}, data.train().features().shape());
        // Normalised with the training set's statistics: mean 0 and standard deviation 1 up to the split.
        assertEquals(0, data.train().features().meanNumber().doubleValue(), 0.01);
        assertEquals(1, data.train().features().stdNumber().doubleValue(), 0.01);
        double[] testCounts = data.test().targets().sum(0).toDoubleVector();
        assertArrayEquals(new double[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, testCounts);
        double[] allTrain = data.train()
                .targets()
                .sum(0)
                .add(data.validation().targets().sum(0))
                .toDoubleVector();
        assertArrayEquals(new double[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, allTrain);
    }

    @Test
    void aZeroValidationFractionTrainsOnAllSixtyThousand() {
        DataDirectory directory = DataDirectory.resolve(null);
        assumeTrue(Mnist.isPresent(directory.path()), "MNIST is not in " + directory.path());
        Dataset data = Mnist.load(directory, 0.0, 42);
        assertEquals(60_000, data.train().size());
        assertEquals(0, data.validation().size());
    }
}
