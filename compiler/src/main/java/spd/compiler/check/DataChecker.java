package spd.compiler.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Setting;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;
import spd.runtime.base.RunException;
import spd.runtime.data.DataDescription;
import spd.runtime.data.DataFileException;
import spd.runtime.data.DataSpec;
import spd.runtime.data.ExampleData;

/**
 * Checks a data block: its kind and settings, and for the user's own files (idx, npz, CSV) that they exist
 * and fit together, by asking the runtime's data source to describe them. A problem with a file is reported
 * where the file is named.
 */
final class DataChecker {
    private static final List<String> IDX_FILE_KEYS =
            List.of("train_images", "train_labels", "test_images", "test_labels");

    private final Diagnostics diagnostics;
    private final SettingsChecker settings;
    private final Path baseDir;

    DataChecker(Diagnostics diagnostics, SettingsChecker settings, Path baseDir) {
        this.diagnostics = diagnostics;
        this.settings = settings;
        this.baseDir = baseDir;
    }

    /** The shape the network must fit, when the data is known well enough to tell. */
    Optional<NetworkChecker.DataFacts> check(DataBlock data) {
        String kind = data.kind().name();
        BlockSchema schema = Schemas.DATA.get(kind);
        if (schema == null) {
            diagnostics.report(
                    Code.E0201,
                    data.kind().span(),
                    "unknown data set '" + kind + "'",
                    NetworkChecker.oneOf(kind, Schemas.DATA.keySet().stream().toList(), "data sets"));
            return Optional.empty();
        }
        long before = diagnostics.errorCount();
        Map<String, Double> values = settings.check(data.settings(), schema, "data " + kind, data.span());
        checkFile(data, kind);
        switch (kind) {
            case "mnist" -> {
                return Optional.of(NetworkChecker.DataFacts.of(kind, DataSpec.Mnist.DESCRIPTION, data.span()));
            }
            case "linear" -> {
                return linear(data, values);
            }
            case "idx" -> checkIdxFiles(data);
            case "csv" -> checkCsvSettings(data);
            default -> {}
        }
        checkClasses(data, values);
        if (diagnostics.errorCount() > before) {
            return Optional.empty();
        }
        return describe(data, values);
    }

    private Optional<NetworkChecker.DataFacts> linear(DataBlock data, Map<String, Double> values) {
        Double d = values.get("d");
        Double support = values.get("support");
        if (d != null && support != null && support > d) {
            diagnostics.report(
                    Code.E0203,
                    data.span(),
                    "the support (" + support.intValue() + ") is larger than the number of features d (" + d.intValue()
                            + ")",
                    "choose support <= d");
        }
        Double n = values.get("n");
        if (n != null && d != null && n * d > Integer.MAX_VALUE) {
            diagnostics.report(
                    Code.E0203,
                    data.span(),
                    String.format(
                            java.util.Locale.ROOT,
                            "n x d = %,.0f numbers, but a" + " data matrix holds at most %,d",
                            n * d,
                            Integer.MAX_VALUE),
                    "choose a smaller n or d");
        }
        Optional<DataDescription> shape = d == null || d < 1 || d > Integer.MAX_VALUE
                ? Optional.empty()
                : Optional.of(DataDescription.regression(List.of(d.intValue()), 1));
        return Optional.of(new NetworkChecker.DataFacts("linear", shape, "squared", data.span()));
    }

    /** npz and csv name their file after the kind; the other kinds take none. */
    private void checkFile(DataBlock data, String kind) {
        boolean wantsFile = DataSources.WITH_FILE.contains(kind);
        if (wantsFile && data.file().isEmpty()) {
            diagnostics.report(
                    Code.E0204,
                    data.kind().span(),
                    "data " + kind + " needs the file it reads",
                    "write data " + kind + " \"path/to/file." + kind
                            + "\" { ... }; the path is relative to the .spd file");
        } else if (!wantsFile && data.file().isPresent()) {
            diagnostics.report(
                    Code.E0203,
                    data.file().get().span(),
                    "data " + kind + " takes no file name",
                    kind.equals("idx")
                            ? "name the files' directory with dir \"...\" inside the block"
                            : "only data npz and data csv name a file here");
        }
    }

    private void checkIdxFiles(DataBlock data) {
        boolean hasDir = has(data, "dir");
        List<String> missing =
                IDX_FILE_KEYS.stream().filter(key -> !has(data, key)).toList();
        if (!hasDir && !missing.isEmpty()) {
            diagnostics.report(
                    Code.E0204,
                    data.span(),
                    "data idx needs the directory of its files or all four files",
                    "add dir \"path\" (holding train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                            + " t10k-labels-idx1-ubyte), or "
                            + String.join(
                                    ", ",
                                    missing.stream().map(k -> k + " \"...\"").toList()));
        }
    }

    private void checkCsvSettings(DataBlock data) {
        data.settings().stream()
                .filter(s -> s.key().name().equals("delimiter"))
                .findFirst()
                .flatMap(Setting::value)
                .ifPresent(value -> {
                    if (value instanceof spd.compiler.ast.SettingValue.Text text && !isDelimiter(text.value())) {
                        diagnostics.report(
                                Code.E0203,
                                value.span(),
                                "the delimiter must be one character, not \"" + text.value() + "\"",
                                "write delimiter \";\" or delimiter \"\\t\" for tabs");
                    }
                });
    }

    /** One character other than a quote or a line break ("\t", a tab, is one character). */
    private static boolean isDelimiter(String text) {
        return text.length() == 1 && "\"\r\n".indexOf(text.charAt(0)) < 0;
    }

    private void checkClasses(DataBlock data, Map<String, Double> values) {
        Double classes = values.get("classes");
        if (classes != null && classes < 2) {
            Span at = data.settings().stream()
                    .filter(s -> s.key().name().equals("classes"))
                    .findFirst()
                    .map(Setting::span)
                    .orElse(data.span());
            diagnostics.report(
                    Code.E0203,
                    at,
                    "'classes' must be at least 2, not " + classes.intValue(),
                    "classification needs two classes or more; drop 'classes' for regression");
        }
    }

    private Optional<NetworkChecker.DataFacts> describe(DataBlock data, Map<String, Double> values) {
        DataSources.Resolved resolved = DataSources.resolve(data, values, baseDir);
        if (resolved.spec() instanceof DataSpec.FashionMnist fashion) {
            return Optional.of(NetworkChecker.DataFacts.of(data.kind().name(), fashion.describe(), data.span()));
        }
        try {
            DataDescription description = resolved.spec().describe();
            return Optional.of(NetworkChecker.DataFacts.of(data.kind().name(), description, data.span()));
        } catch (DataFileException e) {
            Span at = resolved.files()
                    .getOrDefault(
                            e.file() == null ? null : e.file().toAbsolutePath().normalize(),
                            data.file().map(f -> f.span()).orElse(data.span()));
            Code code = switch (e.problem()) {
                case UNREADABLE -> Code.E0601;
                case MALFORMED -> Code.E0602;
                case TOO_LARGE -> Code.E0603;
            };
            diagnostics.report(code, at, relativeToSource(e.getMessage(), resolved), hint(e));
        } catch (RunException e) {
            diagnostics.report(Code.E0602, data.span(), e.getMessage());
        }
        return Optional.empty();
    }

    /** The message with every file shown as the .spd file names it (relative to its directory). */
    private String relativeToSource(String message, DataSources.Resolved resolved) {
        String shown = message;
        for (Path file : resolved.files().keySet()) {
            Path relative = baseDir.toAbsolutePath().normalize().relativize(file);
            shown = shown.replace(file.toString(), relative.toString());
        }
        return shown;
    }

    private static String hint(DataFileException e) {
        boolean exampleData = e.file() != null
                && ExampleData.FILES.contains(String.valueOf(e.file().getFileName()));
        return switch (e.problem()) {
            case UNREADABLE ->
                exampleData
                        ? "spd's example data is generated, not shipped: run ./spd example-data"
                        : "paths are relative to the .spd file's directory";
            case MALFORMED -> "fix the file, or the data block's settings if they describe it wrongly";
            case TOO_LARGE -> "use a smaller file, or give the JVM more memory (-Xmx)";
        };
    }

    private static boolean has(DataBlock data, String key) {
        return data.settings().stream().anyMatch(s -> s.key().name().equals(key));
    }
}
