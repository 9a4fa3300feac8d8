package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/**
 * {@code data mnist { validation 0.2 }}, {@code data linear { n 200, d 500, ... }} or, for the user's own
 * files, {@code data csv "wine.csv" { label "quality" }}: the kind, the file named after it, and settings.
 */
public record DataBlock(Ident kind, Optional<SettingValue.Text> file, List<Setting> settings, Span span)
        implements Statement {
    public DataBlock {
        settings = List.copyOf(settings);
    }

    /** A data block without a file. */
    public DataBlock(Ident kind, List<Setting> settings, Span span) {
        this(kind, Optional.empty(), settings, span);
    }
}
