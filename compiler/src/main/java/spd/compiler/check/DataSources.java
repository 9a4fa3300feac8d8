package spd.compiler.check;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Expr;
import spd.compiler.ast.Setting;
import spd.compiler.ast.SettingValue;
import spd.compiler.source.Span;
import spd.runtime.data.CsvData;
import spd.runtime.data.DataSpec;
import spd.runtime.data.IdxDataset;
import spd.runtime.data.NpzData;

/**
 * Turns a checked data block naming the user's files ({@code idx}, {@code npz}, {@code csv}) or
 * {@code fashion_mnist} into the runtime's {@link DataSpec}, with every path resolved against the directory of
 * the {@code .spd} file. The checker asks the spec to describe itself; the model keeps it for code
 * generation. Also records which span of the source names each file, so that a problem with a file is
 * reported where the file is named.
 */
public final class DataSources {
    /** The data kinds that name a file after the kind, as in {@code data csv "wine.csv"}. */
    public static final List<String> WITH_FILE = List.of("npz", "csv");
    /** The data kinds this class builds. */
    public static final List<String> KINDS = List.of("fashion_mnist", "idx", "npz", "csv");

    /** The canonical names of the four idx files, as MNIST and Fashion-MNIST name them. */
    private static final Map<String, String> IDX_FILES = Map.of(
            "train_images",
            "train-images-idx3-ubyte",
            "train_labels",
            "train-labels-idx1-ubyte",
            "test_images",
            "t10k-images-idx3-ubyte",
            "test_labels",
            "t10k-labels-idx1-ubyte");

    private DataSources() {}

    /**
     * A runtime data spec and where each of its files is named in the source.
     *
     * @param spec the data spec
     * @param files the span that names each file (absolute, normalised paths)
     */
    public record Resolved(DataSpec spec, Map<Path, Span> files) {}

    /**
     * Builds the spec of a block whose settings checked clean. {@code numbers} holds the numeric setting
     * values given (defaults are filled in here).
     */
    public static Resolved resolve(DataBlock block, Map<String, Double> numbers, Path baseDir) {
        Reader settings = new Reader(block, numbers, baseDir);
        return switch (block.kind().name()) {
            case "fashion_mnist" -> {
                DataSpec.FashionMnist spec = DataSpec.fashionMnist(settings.number("validation", 0.2));
                Optional<Path> dir = settings.path("dir");
                yield new Resolved(dir.map(spec::inDirectory).orElse(spec), settings.files);
            }
            case "idx" -> new Resolved(idx(settings), settings.files);
            case "npz" -> new Resolved(npz(block, settings), settings.files);
            case "csv" -> new Resolved(csv(block, settings), settings.files);
            default ->
                throw new IllegalArgumentException(
                        "not a file data kind: " + block.kind().name());
        };
    }

    private static DataSpec.Idx idx(Reader settings) {
        Optional<Path> dir = settings.path("dir");
        IdxDataset.Files located = new IdxDataset.Files(
                settings.idxFile("train_images", dir),
                settings.idxFile("train_labels", dir),
                settings.idxFile("test_images", dir),
                settings.idxFile("test_labels", dir));
        DataSpec.Idx spec =
                DataSpec.idx(located, settings.number("validation", 0.2), (long) settings.number("seed", 42));
        if (settings.has("classes")) {
            spec = spec.withClasses((int) settings.number("classes", 0));
        }
        if (settings.has("mean") || settings.has("std")) {
            spec = spec.normalized(settings.number("mean", 0), settings.number("std", 1));
        }
        return spec;
    }

    private static DataSpec.Npz npz(DataBlock block, Reader settings) {
        Path train = settings.mainFile(block);
        String features = settings.text("features").orElse("x");
        String labels = settings.text("labels").orElse("y");
        Optional<Path> testFile = settings.path("test");
        NpzData.Arrays test = new NpzData.Arrays(
                testFile.orElse(train),
                settings.text("test_features").orElse(testFile.isPresent() ? features : "x_test"),
                settings.text("test_labels").orElse(testFile.isPresent() ? labels : "y_test"));
        return DataSpec.npz(new NpzData.Arrays(train, features, labels), test, options(settings));
    }

    private static DataSpec.Csv csv(DataBlock block, Reader settings) {
        Path train = settings.mainFile(block);
        Path test = settings.path("test").orElseThrow();
        CsvData.Column label = settings.text("label")
                .map(CsvData.Column::named)
                .orElseGet(() -> CsvData.Column.numbered((int) settings.number("label", 1)));
        char delimiter = settings.text("delimiter").map(d -> d.charAt(0)).orElse(',');
        return DataSpec.csv(
                train,
                test,
                new CsvData.Format(label, settings.word("header", "true").equals("true"), delimiter),
                options(settings));
    }

    private static DataSpec.TableOptions options(Reader settings) {
        return new DataSpec.TableOptions(
                settings.number("validation", 0.2),
                (long) settings.number("seed", 42),
                (int) settings.number("classes", 0),
                settings.word("standardize", "false").equals("true"));
    }

    /** Reads a block's settings: texts and words from the source, numbers from the checked values. */
    private static final class Reader {
        private final DataBlock block;
        private final Map<String, Double> numbers;
        private final Path baseDir;
        private final Map<Path, Span> files = new LinkedHashMap<>();

        Reader(DataBlock block, Map<String, Double> numbers, Path baseDir) {
            this.block = block;
            this.numbers = numbers;
            this.baseDir = baseDir;
        }

        private Optional<Setting> setting(String key) {
            return block.settings().stream()
                    .filter(s -> s.key().name().equals(key))
                    .findFirst();
        }

        boolean has(String key) {
            return setting(key).isPresent();
        }

        double number(String key, double fallback) {
            return numbers.getOrDefault(key, fallback);
        }

        Optional<String> text(String key) {
            return setting(key)
                    .flatMap(Setting::value)
                    .flatMap(v -> v instanceof SettingValue.Text text ? Optional.of(text.value()) : Optional.empty());
        }

        String word(String key, String fallback) {
            return setting(key)
                    .flatMap(Setting::value)
                    .flatMap(v -> v instanceof SettingValue.Value(Expr.Name name)
                            ? Optional.of(name.name())
                            : Optional.empty())
                    .orElse(fallback);
        }

        Optional<Path> path(String key) {
            return setting(key)
                    .flatMap(Setting::value)
                    .flatMap(v -> v instanceof SettingValue.Text text
                            ? Optional.of(record(resolve(baseDir, text.value()), text.span()))
                            : Optional.empty());
        }

        Path mainFile(DataBlock data) {
            SettingValue.Text file = data.file().orElseThrow();
            return record(resolve(baseDir, file.value()), file.span());
        }

        /** An idx file: the setting's path (relative to dir when there is one), else the canonical name in dir. */
        Path idxFile(String key, Optional<Path> dir) {
            Optional<SettingValue.Text> given = setting(key)
                    .flatMap(Setting::value)
                    .flatMap(v -> v instanceof SettingValue.Text text ? Optional.of(text) : Optional.empty());
            if (given.isPresent()) {
                Path base = dir.orElse(baseDir);
                return record(resolve(base, given.get().value()), given.get().span());
            }
            Path directory = dir.orElseThrow();
            Path raw = directory.resolve(IDX_FILES.get(key));
            Path gzip = directory.resolve(IDX_FILES.get(key) + ".gz");
            Path chosen = java.nio.file.Files.exists(raw) || !java.nio.file.Files.exists(gzip) ? raw : gzip;
            Span dirSpan = setting("dir")
                    .flatMap(Setting::value)
                    .map(SettingValue::span)
                    .orElse(block.span());
            return record(chosen, dirSpan);
        }

        private Path record(Path path, Span span) {
            files.putIfAbsent(path, span);
            return path;
        }
    }

    private static Path resolve(Path base, String path) {
        return base.resolve(path).toAbsolutePath().normalize();
    }
}
