package spd.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import spd.compiler.source.Span;

/**
 * Collects diagnostics across the stages of the pipeline. It never throws: each stage reports and goes
 * on, and the driver aborts between stages when {@link #hasErrors()}. It keeps the first {@link #LIMIT}
 * diagnostics and counts the rest (a file of garbage would otherwise give one per character), and every operation
 * costs constant time, so reporting stays linear in the input.
 */
public final class Diagnostics {
    /** The most diagnostics kept; the rest are only counted. */
    public static final int LIMIT = 500;

    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<Key> seen = new HashSet<>();
    private long errors;
    private long warnings;
    private long dropped;

    /** What makes two diagnostics the same: code, where and message. */
    private record Key(Code code, String path, int start, String message) {}

    public void report(Code code, Span span, String message, String... help) {
        add(new Diagnostic(code, message, span, List.of(help)));
    }

    public void add(Diagnostic diagnostic) {
        if (all.size() < LIMIT) {
            Key key = new Key(
                    diagnostic.code(),
                    diagnostic.span().file().path(),
                    diagnostic.span().start(),
                    diagnostic.message());
            if (!seen.add(key)) {
                return;
            }
            all.add(diagnostic);
        } else {
            dropped++;
        }
        if (diagnostic.isError()) {
            errors++;
        } else {
            warnings++;
        }
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public long errorCount() {
        return errors;
    }

    public long warningCount() {
        return warnings;
    }

    /** How many diagnostics were reported past {@link #LIMIT} (not deduplicated) and are not in {@link #sorted()}. */
    public long dropped() {
        return dropped;
    }

    /** The diagnostics kept, in source order (file, then offset), as they are shown to the user. */
    public List<Diagnostic> sorted() {
        return all.stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.span().file().path())
                        .thenComparingInt(d -> d.span().start()))
                .toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
