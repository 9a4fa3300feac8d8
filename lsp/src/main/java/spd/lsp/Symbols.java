package spd.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.ast.PenaltyDecl;
import spd.compiler.ast.PruneDecl;
import spd.compiler.ast.RuleBinding;
import spd.compiler.ast.RuleDecl;
import spd.compiler.ast.SpdFile;
import spd.compiler.ast.Statement;
import spd.compiler.ast.TrainBlock;
import spd.compiler.source.Span;

/** The outline of a file: its rules and experiments, and in each experiment its constants, rules and layers. */
final class Symbols {
    private Symbols() {}

    static List<DocumentSymbol> of(SpdFile file) {
        List<DocumentSymbol> symbols = new ArrayList<>();
        for (RuleDecl rule : file.rules()) {
            DocumentSymbol symbol = symbol(
                    rule.name().name(),
                    "rule",
                    SymbolKind.Function,
                    rule.span(),
                    rule.name().span());
            List<DocumentSymbol> children = new ArrayList<>();
            rule.lets()
                    .forEach(l -> children.add(symbol(
                            l.name().name(),
                            "let",
                            SymbolKind.Constant,
                            l.span(),
                            l.name().span())));
            rule.functions()
                    .forEach(f -> children.add(symbol(
                            f.displayName() + "(" + f.param().name() + ")",
                            "",
                            SymbolKind.Method,
                            f.span(),
                            f.name().span())));
            symbol.setChildren(children);
            symbols.add(symbol);
        }
        for (Experiment experiment : file.experiments()) {
            DocumentSymbol symbol = symbol(
                    experiment.name().name(),
                    "experiment",
                    SymbolKind.Module,
                    experiment.span(),
                    experiment.name().span());
            List<DocumentSymbol> children = new ArrayList<>();
            experiment.statements().forEach(s -> children.addAll(statement(s)));
            symbol.setChildren(children);
            symbols.add(symbol);
        }
        // Editors sort the outline themselves; rules and experiments may interleave in the file.
        symbols.sort(
                java.util.Comparator.comparingInt(s -> s.getRange().getStart().getLine()));
        return symbols;
    }

    private static List<DocumentSymbol> statement(Statement statement) {
        return switch (statement) {
            case LetDecl l ->
                List.of(symbol(
                        l.name().name(),
                        "let",
                        SymbolKind.Constant,
                        l.span(),
                        l.name().span()));
            case FunctionDef f ->
                List.of(symbol(
                        f.displayName() + "(" + f.param().name() + ")",
                        "reweighting",
                        SymbolKind.Function,
                        f.span(),
                        f.name().span()));
            case RuleBinding b ->
                List.of(symbol(
                        b.name().name(),
                        b.rule().function().name(),
                        SymbolKind.Function,
                        b.span(),
                        b.name().span()));
            case MaskBlock m ->
                List.of(symbol(
                        "mask " + m.kind().name(),
                        "",
                        SymbolKind.Event,
                        m.span(),
                        m.kind().span()));
            case PenaltyDecl p ->
                List.of(symbol(
                        "penalty",
                        p.rule().map(c -> c.function().name()).orElse("omega(w)"),
                        SymbolKind.Event,
                        p.span(),
                        p.span()));
            case NetworkBlock n -> List.of(network(n));
            case DataBlock d ->
                List.of(symbol(
                        "data " + d.kind().name(),
                        "",
                        SymbolKind.Struct,
                        d.span(),
                        d.kind().span()));
            case TrainBlock t ->
                List.of(symbol(
                        "train",
                        t.optimizer().map(c -> c.function().name()).orElse(""),
                        SymbolKind.Struct,
                        t.span(),
                        t.span()));
            case PruneDecl p ->
                List.of(symbol("prune", p.condition().span().text(), SymbolKind.Event, p.span(), p.span()));
            default -> List.of();
        };
    }

    private static DocumentSymbol network(NetworkBlock network) {
        DocumentSymbol symbol = symbol("network", "", SymbolKind.Struct, network.span(), network.span());
        List<DocumentSymbol> layers = new ArrayList<>();
        int position = 0;
        for (LayerDecl layer : network.layers()) {
            if (layer instanceof LayerDecl.Dense dense) {
                position++;
                String name = dense.name().map(n -> n.name()).orElse("fc" + position);
                layers.add(symbol(
                        name,
                        (dense.linear() ? "linear " : "dense ") + dense.size().text(),
                        SymbolKind.Field,
                        dense.span(),
                        dense.name().map(n -> n.span()).orElse(dense.span())));
            }
        }
        symbol.setChildren(layers);
        return symbol;
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, Span range, Span selection) {
        // The selection range must lie within the range; a name span always does.
        DocumentSymbol symbol = new DocumentSymbol(
                name,
                kind,
                LspDiagnostics.range(range),
                LspDiagnostics.range(
                        selection.start() >= range.start() && selection.end() <= range.end() ? selection : range));
        symbol.setDetail(detail);
        return symbol;
    }
}
