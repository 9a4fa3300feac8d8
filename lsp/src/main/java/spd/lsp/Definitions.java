package spd.lsp;

import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Location;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.ast.RuleDecl;
import spd.compiler.lang.RuleTable;
import spd.compiler.source.Span;

/**
 * Go to definition: a rule name to its declaration (in the file, an imported file or the standard library), a
 * constant to its {@code let} (or a rule's parameter), a layer after {@code on} to its line in the network.
 */
final class Definitions {
    private final Locations locations;

    Definitions(Locations locations) {
        this.locations = locations;
    }

    List<Location> at(Analysis analysis, int offset) {
        if (analysis.ast().isEmpty() || analysis.rules().isEmpty()) {
            return List.of();
        }
        RuleTable rules = analysis.rules().get();
        return AstLocator.find(analysis.ast().get(), rules, offset)
                .flatMap(target -> declaration(rules, target))
                .map(span -> List.of(new Location(locations.uriOf(span.file().path()), LspDiagnostics.range(span))))
                .orElse(List.of());
    }

    private static Optional<Span> declaration(RuleTable rules, Target target) {
        return switch (target) {
            case Target.RuleName r ->
                rules.find(r.name().name()).map(rule -> rule.name().span());
            case Target.RuleParameter p ->
                rules.find(p.rule())
                        .flatMap(rule -> rule.params().stream()
                                .filter(param ->
                                        param.name().equals(p.parameter().name()))
                                .findFirst())
                        .map(Ident::span);
            case Target.Name n ->
                n.rule()
                        .map(rule -> inRule(rule, n.name()))
                        .orElseGet(() -> n.experiment().flatMap(e -> constant(e, n.name())));
            case Target.LayerName l -> layer(l.experiment(), l.name().name());
            case Target.Function f -> Optional.empty();
            case Target.Layer l -> Optional.empty();
            case Target.SettingKey s -> Optional.empty();
            case Target.Regularizing r -> Optional.empty();
        };
    }

    private static Optional<Span> inRule(RuleDecl rule, String name) {
        Optional<Span> parameter = rule.params().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .map(Ident::span);
        return parameter.or(() -> rule.lets().stream()
                .filter(l -> l.name().name().equals(name))
                .findFirst()
                .map(l -> l.name().span()));
    }

    private static Optional<Span> constant(Experiment experiment, String name) {
        return experiment.all(LetDecl.class).stream()
                .filter(l -> l.name().name().equals(name))
                .findFirst()
                .map(l -> l.name().span());
    }

    /** The layer {@code name}: one named so, or the n-th weight layer for {@code fcN}, as the model names them. */
    private static Optional<Span> layer(Experiment experiment, String name) {
        int position = 0;
        for (NetworkBlock block : experiment.all(NetworkBlock.class)) {
            for (LayerDecl layer : block.layers()) {
                if (layer instanceof LayerDecl.Dense dense) {
                    position++;
                    boolean named = dense.name().map(n -> n.name().equals(name)).orElse(false);
                    if (named || (dense.name().isEmpty() && name.equals("fc" + position))) {
                        return Optional.of(dense.name().map(Ident::span).orElse(dense.span()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
