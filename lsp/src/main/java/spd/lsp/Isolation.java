package spd.lsp;

import java.util.Optional;
import spd.compiler.diag.Diagnostic;
import spd.compiler.source.Span;

/**
 * An experiment checked on its own, for a hover in a file whose errors are all in other experiments: the front end
 * builds no model while a file has errors, so the other experiments are blanked out (spaces, lines kept, so every
 * position stays where it was) and the text is checked again.
 */
final class Isolation {
    private Isolation() {}

    static Optional<spd.compiler.model.Experiment> alone(
            Analysis analysis, spd.compiler.ast.Experiment experiment, Analyzer analyzer) {
        if (analysis.ast().isEmpty() || !errorsOnlyInOtherExperiments(analysis, experiment)) {
            return Optional.empty();
        }
        String text = analysis.document().text();
        StringBuilder blanked = new StringBuilder(text);
        for (spd.compiler.ast.Experiment other : analysis.ast().get().experiments()) {
            if (other != experiment) {
                blank(blanked, other.span());
            }
        }
        OpenDocument document = analysis.document();
        Analysis alone = analyzer.analyze(new OpenDocument(document.uri(), document.version(), blanked.toString()));
        return alone.experiment(experiment.name().name());
    }

    private static boolean errorsOnlyInOtherExperiments(Analysis analysis, spd.compiler.ast.Experiment experiment) {
        String path = analysis.result().path();
        for (Diagnostic diagnostic : analysis.result().diagnostics().sorted()) {
            if (!diagnostic.isError()) {
                continue;
            }
            Span span = diagnostic.span();
            boolean inThisFile = span.file().path().equals(path);
            boolean inAnotherExperiment = inThisFile
                    && analysis.ast().get().experiments().stream()
                            .anyMatch(other -> other != experiment
                                    && other.span().start() <= span.start()
                                    && span.end() <= other.span().end());
            if (!inAnotherExperiment) {
                return false;
            }
        }
        return true;
    }

    private static void blank(StringBuilder text, Span span) {
        for (int i = span.start(); i < Math.min(span.end(), text.length()); i++) {
            if (text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                text.setCharAt(i, ' ');
            }
        }
    }
}
