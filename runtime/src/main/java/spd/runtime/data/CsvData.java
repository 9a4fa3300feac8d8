package spd.runtime.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Tabular data from CSV files (parsed by Apache Commons CSV): one example per row, every column but the
 * label a numeric feature. Every cell is checked and a bad one is named by file, line and column: a cell that
 * is not a number, an empty cell, NaN or infinity, a row with too few or too many cells, a class label that is
 * not a whole number within the classes, a missing label column, an empty file. Nothing is dropped or coerced.
 */
public final class CsvData {
    /** Decimal numbers only: Java's own parser would also accept "1d", "0x1p3" or "Infinity". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvData() {}

    /**
     * The shape of a CSV table.
     *
     * @param label the label column
     * @param header whether the first line names the columns
     * @param delimiter the cell separator
     */
    public record Format(Column label, boolean header, char delimiter) {}

    /** The label column: by its name in the header, or by its 1-based position. */
    public sealed interface Column {
        /** A column named in the header line. */
        record Named(String name) implements Column {}

        /** A column by position, counting from 1. */
        record Numbered(int number) implements Column {}

        /** The column called {@code name} in the header. */
        static Column named(String name) {
            return new Named(name);
        }

        /** The {@code number}-th column, counting from 1. */
        static Column numbered(int number) {
            return new Numbered(number);
        }
    }

    /** Describes the data from the header and first row of each file. */
    public static DataDescription describe(DataSpec.Csv spec) {
        Layout train = layout(spec.train(), spec.format());
        Layout test = layout(spec.test(), spec.format());
        if (train.columns() != test.columns()) {
            throw malformed(
                    spec.test(),
                    "has " + test.columns() + " columns but the training file " + spec.train() + " has "
                            + train.columns());
        }
        List<Integer> shape = List.of(train.columns() - 1);
        if (train.columns() < 2) {
            throw malformed(spec.train(), "has only the label column; there are no features");
        }
        return spec.options().isClassification()
                ? DataDescription.classification(shape, spec.options().classes())
                : DataDescription.regression(shape, 1);
    }

    /** Reads, checks and splits the data. */
    public static Dataset load(DataSpec.Csv spec) {
        DataDescription description = describe(spec);
        Table train = read(spec.train(), spec.format(), spec.options());
        Table test = read(spec.test(), spec.format(), spec.options());
        return Table.dataset(train, test, spec.options(), description.featureShape());
    }

    /** The columns of a file and the index of its label column. */
    private record Layout(int columns, int labelIndex, List<String> names) {
        String columnName(int index) {
            return names.isEmpty()
                    ? "column " + (index + 1)
                    : "column " + (index + 1) + " ('" + names.get(index) + "')";
        }
    }

    private static Layout layout(Path file, Format format) {
        try (CSVParser parser = parser(file, format)) {
            List<String> names = format.header() ? parser.getHeaderNames() : List.of();
            Iterator<CSVRecord> rows = parser.iterator();
            if (format.header() && names.isEmpty()) {
                throw malformed(file, "is empty: it has no header line");
            }
            if (!rows.hasNext()) {
                throw malformed(
                        file,
                        "holds no rows" + (format.header() ? " after its header line" : "")
                                + "; it needs at least one example");
            }
            int columns = format.header() ? names.size() : rows.next().size();
            return new Layout(columns, labelIndex(file, format, names, columns), names);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unreadable(file, e);
        } catch (IllegalArgumentException e) {
            throw malformed(file, "has a bad header line: " + e.getMessage());
        }
    }

    private static int labelIndex(Path file, Format format, List<String> names, int columns) {
        return switch (format.label()) {
            case Column.Named(String name) -> {
                if (!format.header()) {
                    throw malformed(
                            file,
                            "has no header line ('header false'), so the label column cannot be named '" + name
                                    + "'; give its number instead, e.g. 'label " + columns + "'");
                }
                int index = names.indexOf(name);
                if (index < 0) {
                    throw malformed(
                            file, "has no column named '" + name + "'; its columns are " + String.join(", ", names));
                }
                yield index;
            }
            case Column.Numbered(int number) -> {
                if (number < 1 || number > columns) {
                    throw malformed(file, "has " + columns + " columns; there is no column " + number);
                }
                yield number - 1;
            }
        };
    }

    private static Table read(Path file, Format format, DataSpec.TableOptions options) {
        Layout layout = layout(file, format);
        int width = layout.columns() - 1;
        List<float[]> features = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        try (CSVParser parser = parser(file, format)) {
            long line = format.header() ? 2 : 1;
            for (CSVRecord record : parser) {
                float[] row = new float[width];
                if (record.size() != layout.columns()) {
                    throw new DataFileException(
                            file,
                            DataFileException.Problem.MALFORMED,
                            "%s, line %d: the row has %d cells but the %s %d columns"
                                    .formatted(
                                            file,
                                            line,
                                            record.size(),
                                            format.header() ? "header names" : "first row has",
                                            layout.columns()));
                }
                int target = 0;
                for (int c = 0; c < layout.columns(); c++) {
                    float value = number(file, line, layout.columnName(c), record.get(c));
                    if (c == layout.labelIndex()) {
                        checkLabel(file, line, layout.columnName(c), value, options);
                        labels.add(value);
                    } else {
                        row[target++] = value;
                    }
                }
                features.add(row);
                DataLimits.checkFits(file, "the table", (long) features.size() * width, Float.BYTES);
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unreadable(file, e);
        }
        return table(file, layout, features, labels, options);
    }

    private static Table table(
            Path file, Layout layout, List<float[]> rows, List<Float> labels, DataSpec.TableOptions options) {
        int n = rows.size();
        int width = layout.columns() - 1;
        float[] x = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows.get(r), 0, x, r * width, width);
        }
        if (!options.isClassification()) {
            float[] y = new float[n];
            for (int r = 0; r < n; r++) {
                y[r] = labels.get(r);
            }
            return new Table(file, n, width, x, null, y, 1);
        }
        int[] classes = new int[n];
        for (int r = 0; r < n; r++) {
            classes[r] = (int) (float) labels.get(r);
        }
        return new Table(file, n, width, x, classes, null, options.classes());
    }

    private static void checkLabel(Path file, long line, String column, float label, DataSpec.TableOptions options) {
        if (!options.isClassification()) {
            return;
        }
        String problem = label != Math.rint(label)
                ? "class label " + label + " is not a whole number"
                : label < 0 || label >= options.classes()
                        ? "label %d is outside the %d classes (0 to %d)"
                                .formatted((long) label, options.classes(), options.classes() - 1)
                        : null;
        if (problem != null) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.MALFORMED,
                    "%s, line %d, %s: %s".formatted(file, line, column, problem));
        }
    }

    private static float number(Path file, long line, String column, String cell) {
        String text = cell.strip();
        String problem;
        if (text.isEmpty()) {
            problem = "the cell is empty";
        } else if (NON_FINITE.matcher(text).matches()) {
            problem = "'" + text + "' is not a finite number (NaN and infinity are not data)";
        } else if (!NUMBER.matcher(text).matches()) {
            problem = "'" + abbreviate(text) + "' is not a number";
        } else {
            double value = Double.parseDouble(text);
            float single = (float) value;
            if (Float.isFinite(single)) {
                return single;
            }
            problem = "'" + abbreviate(text) + "' is out of the range of a 32-bit float";
        }
        throw new DataFileException(
                file,
                DataFileException.Problem.MALFORMED,
                "%s, line %d, %s: %s".formatted(file, line, column, problem));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static CSVParser parser(Path file, Format format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        CSVFormat.Builder builder = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(format.delimiter())
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true);
        if (format.header()) {
            builder.setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true);
        }
        Reader reader = new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT));
        return CSVParser.builder().setReader(reader).setFormat(builder.get()).get();
    }

    private static DataFileException unreadable(Path file, Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        return switch (cause) {
            case java.nio.file.NoSuchFileException missing ->
                new DataFileException(file, DataFileException.Problem.UNREADABLE, "no such data file " + file);
            case CharacterCodingException coding ->
                new DataFileException(file, DataFileException.Problem.MALFORMED, file + " is not UTF-8 text", e);
            default ->
                new DataFileException(
                        file,
                        DataFileException.Problem.MALFORMED,
                        "cannot read CSV file " + file + ": " + cause.getMessage(),
                        e);
        };
    }

    private static DataFileException malformed(Path file, String problem) {
        return new DataFileException(file, DataFileException.Problem.MALFORMED, file + " " + problem);
    }
}
