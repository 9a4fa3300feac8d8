package spd.compiler.model;

import java.util.Optional;

/** The data an experiment trains on. */
public sealed interface DataSpec {
    SourceRef at();

    /** MNIST, with the fraction of the 60,000 training images held out for validation. */
    record Mnist(double validation, Optional<String> directory, SourceRef at) implements DataSpec {}

    /**
     * Data from files: Fashion-MNIST, or the user's idx, npz or CSV files, as the runtime spec the checker
     * described (paths resolved against the .spd file's directory).
     */
    record Files(spd.runtime.data.DataSpec spec, SourceRef at) implements DataSpec {}

    /** A seeded synthetic sparse linear regression: n samples, d features, a support of nonzero coefficients. */
    record Linear(int samples, int features, int support, double noise, long seed, SourceRef at) implements DataSpec {}
}
