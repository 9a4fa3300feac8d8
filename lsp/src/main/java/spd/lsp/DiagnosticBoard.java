package spd.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The diagnostics shown for each file, collected from every open document that reported on it: a document reports
 * on itself and on the files it imports, so one imported file may hear from several documents. Each publication is
 * the union, without repeats.
 */
final class DiagnosticBoard {
    /** Target URI, then the URI of the document whose analysis reported, then what it reported. */
    private final Map<String, Map<String, List<Diagnostic>>> reports = new HashMap<>();

    /**
     * Replaces everything {@code reporter} said, and returns what to publish: every file whose diagnostics changed,
     * the reporter itself last (clients that wait for a document's diagnostics then have its imports' too).
     */
    synchronized List<PublishDiagnosticsParams> replace(
            String reporter, Integer version, Map<String, List<Diagnostic>> byTarget) {
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, List<Diagnostic>>> entry : reports.entrySet()) {
            if (entry.getValue().remove(reporter) != null) {
                touched.add(entry.getKey());
            }
        }
        byTarget.forEach((target, diagnostics) -> {
            reports.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(reporter, List.copyOf(diagnostics));
            touched.add(target);
        });
        touched.remove(reporter);
        List<PublishDiagnosticsParams> publications = new ArrayList<>();
        for (String target : touched) {
            publications.add(new PublishDiagnosticsParams(target, union(target)));
        }
        if (version != null) {
            PublishDiagnosticsParams own = new PublishDiagnosticsParams(reporter, union(reporter));
            own.setVersion(version);
            publications.add(own);
        } else {
            publications.add(new PublishDiagnosticsParams(reporter, union(reporter)));
        }
        return publications;
    }

    private List<Diagnostic> union(String target) {
        List<Diagnostic> all = new ArrayList<>();
        Set<Diagnostic> seen = new HashSet<>();
        for (List<Diagnostic> diagnostics :
                reports.getOrDefault(target, Map.of()).values()) {
            for (Diagnostic diagnostic : diagnostics) {
                if (seen.add(diagnostic)) {
                    all.add(diagnostic);
                }
            }
        }
        // Several reporters interleave: source order, as spd check prints them (the sort is stable).
        all.sort(java.util.Comparator.comparingInt(
                        (Diagnostic d) -> d.getRange().getStart().getLine())
                .thenComparingInt(d -> d.getRange().getStart().getCharacter()));
        return all;
    }
}
