package spd.compiler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spd.compiler.penalty.Derivation;

/**
 * Writes a derivation's report: {@code NAME.penalty.md} (Markdown with LaTeX math), {@code NAME.penalty.tex}
 * (standalone LaTeX) and the figure {@code NAME.penalty.svg} / {@code .png}.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /**
     * Writes the report files into {@code directory} (created if needed).
     *
     * @return the paths written, the Markdown report first
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<Path> write(Derivation d, Path directory) {
        try {
            Files.createDirectories(directory);
            String base = d.input().experimentName() + ".penalty";
            List<String> plots = Plots.write(d, directory, base);
            Path markdown = directory.resolve(base + ".md");
            Path tex = directory.resolve(base + ".tex");
            Files.writeString(
                    markdown,
                    MarkdownReport.render(
                            d, plots.stream().filter(p -> p.endsWith(".svg")).toList()));
            String png =
                    plots.stream().filter(p -> p.endsWith(".png")).findFirst().orElse("");
            Files.writeString(tex, TexReport.render(d, png));
            List<Path> written = new ArrayList<>(List.of(markdown, tex));
            plots.forEach(p -> written.add(directory.resolve(p)));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the report of " + d.input().experimentName() + " into " + directory + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The Markdown report as a string (no files), e.g. for printing. */
    public static String markdown(Derivation d) {
        return MarkdownReport.render(d, List.of());
    }
}
