package spd.compiler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spd.compiler.diag.Diagnostic;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.driver.FrontendResult;
import spd.compiler.source.Span;

/** Prints diagnostics rustc-style for people, or as one JSON document for tools. */
final class DiagnosticsPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosticsPrinter() {}

    static void printText(List<FrontendResult> results, PrintWriter err) {
        for (FrontendResult result : results) {
            for (Diagnostic diagnostic : result.diagnostics().sorted()) {
                err.println(DiagnosticRenderer.render(diagnostic));
            }
            printDropped(result, err);
        }
    }

    /** The count of diagnostics past the limit, which are not shown. */
    static void printDropped(FrontendResult result, PrintWriter err) {
        long dropped = result.diagnostics().dropped();
        if (dropped > 0) {
            err.printf(
                    "spd: %s: %,d more diagnostic%s not shown (the first %d are above)%n",
                    result.path(), dropped, dropped == 1 ? "" : "s", spd.compiler.diag.Diagnostics.LIMIT);
        }
    }

    static void printJson(List<FrontendResult> results, PrintWriter out) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FrontendResult result : results) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", result.path());
            file.put("ok", !result.diagnostics().hasErrors());
            file.put(
                    "diagnostics",
                    result.diagnostics().sorted().stream()
                            .map(DiagnosticsPrinter::toJson)
                            .toList());
            file.put("notShown", result.diagnostics().dropped());
            files.add(file);
        }
        try {
            out.println(JSON.writeValueAsString(Map.of("files", files)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write diagnostics as JSON", e);
        }
    }

    /** The diagnostics of one file, in the document format of {@link #printJson(List, PrintWriter)}. */
    static void printJson(String path, List<Diagnostic> diagnostics, PrintWriter out) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("file", path);
        file.put("ok", diagnostics.stream().noneMatch(Diagnostic::isError));
        file.put(
                "diagnostics",
                diagnostics.stream().map(DiagnosticsPrinter::toJson).toList());
        try {
            out.println(JSON.writeValueAsString(Map.of("files", List.of(file))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write diagnostics as JSON", e);
        }
    }

    private static Map<String, Object> toJson(Diagnostic diagnostic) {
        Span span = diagnostic.span();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", diagnostic.severity().label());
        json.put("code", diagnostic.code().name());
        json.put("message", diagnostic.message());
        json.put("file", span.file().path());
        json.put("line", span.line());
        json.put("column", span.column());
        json.put("endLine", span.file().lineOf(span.end()));
        json.put("endColumn", span.file().columnOf(span.end()));
        json.put("help", diagnostic.help());
        return json;
    }
}
