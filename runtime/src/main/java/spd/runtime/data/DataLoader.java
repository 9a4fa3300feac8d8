package spd.runtime.data;

import java.nio.file.Path;

/** Turns a {@link DataSpec} into a loaded {@link Dataset}. */
public final class DataLoader {
    private DataLoader() {}

    /** Loads the declared data; {@code dataFlag} is the data directory given on the command line, or null. */
    public static Dataset load(DataSpec spec, Path dataFlag) {
        return switch (spec) {
            case DataSpec.Mnist mnist ->
                Mnist.load(
                        DataDirectory.resolve(dataFlag, mnist.directory()),
                        mnist.validationFraction(),
                        mnist.splitSeed());
            case DataSpec.FashionMnist fashion ->
                KnownIdxSet.FASHION_MNIST.load(
                        DataDirectory.fashionMnist(fashion.directory().orElse(null), dataFlag),
                        fashion.validationFraction(),
                        fashion.splitSeed());
            case DataSpec.Idx idx ->
                IdxDataset.load(
                        idx.files(),
                        IdxDataset::readPlain,
                        idx.validationFraction(),
                        idx.splitSeed(),
                        idx.classes(),
                        idx.normalization().orElse(null));
            case DataSpec.Npz npz -> NpzData.load(npz);
            case DataSpec.Csv csv -> CsvData.load(csv);
            case DataSpec.Linear linear -> LinearRegression.generate(linear).dataset();
            case DataSpec.Provided provided -> provided.loader().apply(dataFlag);
        };
    }
}
