package spd.lsp;

import spd.compiler.driver.Frontend;
import spd.compiler.source.SourceFile;

/** Runs the compiler's own front end on an editor buffer, exactly as {@code spd check} runs it on the saved file. */
final class Analyzer {
    private final Locations locations;

    Analyzer(Locations locations) {
        this.locations = locations;
    }

    Analysis analyze(OpenDocument document) {
        SourceFile source =
                new SourceFile(locations.displayPath(document.uri()), withoutByteOrderMark(document.text()));
        return new Analysis(document, Frontend.run(source, locations.baseDirectory(document.uri())));
    }

    /** The loader drops a leading byte-order mark when it reads a file; a buffer gets the same treatment. */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
