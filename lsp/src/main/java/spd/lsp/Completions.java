package spd.lsp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.RuleDecl;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.RuleTable;
import spd.compiler.lang.Schemas;
import spd.compiler.lang.SettingSpec;
import spd.compiler.resolve.Imports;
import spd.compiler.sym.Builtin;
import spd.grammar.SpdLexer;

/**
 * Completion from the context of the cursor ({@link CursorContext}): keywords where a statement starts, the
 * settings of the block being written (from the language's schemas), kinds after {@code mask}, {@code data} and
 * {@code train}, rules with their parameters, constants in scope, and layer names after {@code on}.
 */
final class Completions {
    private Completions() {}

    /**
     * The items for a client that cannot expand snippets (an editor without a snippet engine): placeholders become
     * their default text, choices their first word, and tab stops nothing.
     */
    static List<CompletionItem> withoutSnippets(List<CompletionItem> items) {
        for (CompletionItem item : items) {
            if (item.getInsertTextFormat() == InsertTextFormat.Snippet) {
                item.setInsertText(item.getInsertText()
                        .replaceAll("\\$\\{\\d+:([^}]*)}", "$1")
                        .replaceAll("\\$\\{\\d+\\|([^,|]*)[^}]*}", "$1")
                        .replaceAll("\\$\\d+", ""));
                item.setInsertTextFormat(InsertTextFormat.PlainText);
            }
        }
        return items;
    }

    /**
     * The completions at {@code offset} of {@code text}; {@code lastParsed} is the newest analysis of the document that
     * parsed (its rules and layers), which may be of an older version while the user types.
     */
    static List<CompletionItem> at(String text, int offset, Optional<Analysis> lastParsed) {
        CursorContext context = CursorContext.at(text, offset);
        if (context.insideCommentOrString()) {
            return List.of();
        }
        Optional<RuleTable> rules = lastParsed.flatMap(Analysis::rules);
        int last = context.last();
        if (last == SpdLexer.MASK) {
            return kinds(Schemas.MASKS, CompletionItemKind.Enum);
        }
        if (last == SpdLexer.DATA) {
            return kinds(Schemas.DATA, CompletionItemKind.Enum);
        }
        if (last == SpdLexer.TRAIN) {
            return optimizers();
        }
        if (last == SpdLexer.LOSS) {
            return words(Schemas.LOSSES, "loss");
        }
        if (last == SpdLexer.PRUNE) {
            return words(Schemas.PRUNE_QUANTITIES, "prune on");
        }
        if (last == SpdLexer.IMPORT) {
            return List.of(item("std", CompletionItemKind.Module, "the standard library"));
        }
        if (last == SpdLexer.PENALTY) {
            List<CompletionItem> items = new ArrayList<>(rules(rules, text, "omega", "eta"));
            items.add(
                    snippet("omega(w) = ", "omega(w) = ${1:|w|}", CompletionItemKind.Snippet, "a penalty written out"));
            return items;
        }
        if (afterOn(context)) {
            return layers(context, lastParsed);
        }
        if (isActivationPosition(context)) {
            return words(Schemas.ACTIVATIONS, "activation");
        }
        Optional<List<CompletionItem>> inCall = inCall(context, rules);
        if (inCall.isPresent()) {
            return inCall.get();
        }
        Optional<List<CompletionItem>> ruleBinding = ruleBinding(context, rules, text);
        if (ruleBinding.isPresent()) {
            return ruleBinding.get();
        }
        if (context.item().isEmpty()) {
            return itemStart(context);
        }
        Optional<List<CompletionItem>> words = settingWords(context);
        return words.orElseGet(() -> expression(context));
    }

    // ---------------------------------------------------------------- where an item starts

    private static List<CompletionItem> itemStart(CursorContext context) {
        Optional<CursorContext.Block> block = context.innermost();
        if (block.isEmpty()) {
            return List.of(
                    keyword("import", "import std, or import \"rules.spd\""),
                    snippet(
                            "rule",
                            "rule ${1:name}(${2:params}) {\n\t$0\n}",
                            CompletionItemKind.Keyword,
                            "a named rule"),
                    snippet(
                            "experiment",
                            "experiment ${1:name} {\n\t$0\n}",
                            CompletionItemKind.Keyword,
                            "an experiment"));
        }
        int keyword = block.get().keyword();
        if (keyword == SpdLexer.EXPERIMENT) {
            return List.of(
                    snippet(
                            "data",
                            "data ${1|" + String.join(",", Schemas.DATA.keySet()) + "|}",
                            CompletionItemKind.Keyword,
                            "the data set"),
                    snippet(
                            "network",
                            "network {\n\tinput ${1:784}\n\tdense ${2:300} relu\n\tdense ${3:10}\n\tloss ${4:cross_entropy}\n}",
                            CompletionItemKind.Keyword,
                            "the layers"),
                    snippet("let", "let ${1:name} = ${2:value}", CompletionItemKind.Keyword, "a named constant"),
                    snippet(
                            "eta(w) =",
                            "eta(w) = ${1:|w|}",
                            CompletionItemKind.Function,
                            "the reweighting rule eta_hat(w)"),
                    snippet(
                            "eta =",
                            "eta = ${1:logsum}(${2:eps: 2})",
                            CompletionItemKind.Function,
                            "the eta rule of a named rule"),
                    keyword("mask", "a masking rule"),
                    keyword("penalty", "a penalty added to the loss"),
                    snippet(
                            "train",
                            "train ${1|adam,sgd|}(lr = ${2:1e-3}) { epochs ${3:20} }",
                            CompletionItemKind.Keyword,
                            "training"),
                    keyword("prune", "when a weight counts as zero"));
        }
        if (keyword == SpdLexer.RULE) {
            return List.of(
                    snippet("let", "let ${1:name} = ${2:value}", CompletionItemKind.Keyword, "a rule constant"),
                    snippet("eta(w) =", "eta(w) = $0", CompletionItemKind.Function, "the reweighting eta_hat(w)"),
                    snippet(
                            "omega(w) =",
                            "omega(w) = $0",
                            CompletionItemKind.Function,
                            "the effective penalty Omega(w)"),
                    snippet("f(eta) =", "f(eta) = $0", CompletionItemKind.Function, "the dual of the eta-trick"),
                    snippet("f'(eta) =", "f'(eta) = $0", CompletionItemKind.Function, "the derivative of the dual"));
        }
        if (keyword == SpdLexer.PIECEWISE) {
            return expression(context);
        }
        if (keyword == SpdLexer.NETWORK) {
            return List.of(
                    keyword("input", "the number of features, first"),
                    keyword("dense", "dense [name] size [relu]"),
                    keyword("linear", "linear [name] size: a dense layer without activation or bias"),
                    keyword("loss", "cross_entropy or squared"));
        }
        return schema(block.get()).map(Completions::blockItems).orElse(List.of());
    }

    private static Optional<BlockSchema> schema(CursorContext.Block block) {
        Optional<String> kind = block.name();
        if (block.keyword() == SpdLexer.MASK) {
            return kind.map(Schemas.MASKS::get);
        }
        if (block.keyword() == SpdLexer.DATA) {
            return kind.map(Schemas.DATA::get);
        }
        if (block.keyword() == SpdLexer.TRAIN) {
            return Optional.of(Schemas.TRAIN);
        }
        return Optional.empty();
    }

    private static List<CompletionItem> blockItems(BlockSchema schema) {
        List<CompletionItem> items = new ArrayList<>();
        for (String binding : schema.bindings()) {
            items.add(snippet(
                    binding + " =",
                    binding + " = $0",
                    CompletionItemKind.Property,
                    binding.equals("dual")
                            ? "the dual of a named rule, e.g. logsum(eps: 2)"
                            : "an expression in w and eta"));
        }
        for (String function : schema.functions()) {
            items.add(snippet(
                    function + "(eta) =",
                    function + "(eta) = $0",
                    CompletionItemKind.Function,
                    function.equals("f") ? "the dual f(eta)" : "the derivative of the dual"));
        }
        for (SettingSpec setting : schema.settings().values()) {
            CompletionItem item = item(setting.key(), CompletionItemKind.Property, Hovers.settingText(setting));
            item.setInsertText(setting.key() + " ");
            items.add(item);
        }
        return items;
    }

    private static Optional<List<CompletionItem>> settingWords(CursorContext context) {
        if (context.item().size() != 1 || context.innermost().isEmpty()) {
            return Optional.empty();
        }
        return schema(context.innermost().get())
                .map(s -> s.setting(context.item().get(0).getText()))
                .filter(spec -> !spec.words().isEmpty())
                .map(spec -> words(spec.words(), spec.meaning()));
    }

    // ---------------------------------------------------------------- kinds and words

    private static List<CompletionItem> kinds(Map<String, BlockSchema> schemas, CompletionItemKind kind) {
        List<CompletionItem> items = new ArrayList<>();
        schemas.forEach((name, schema) -> items.add(item(name, kind, schema.description())));
        return items;
    }

    private static List<CompletionItem> optimizers() {
        List<CompletionItem> items = new ArrayList<>();
        Schemas.OPTIMIZERS.forEach((name, schema) -> items.add(snippet(
                name, name + "(lr = ${1:1e-3}) { epochs ${2:20} }", CompletionItemKind.Enum, schema.description())));
        return items;
    }

    private static List<CompletionItem> words(List<String> words, String detail) {
        return words.stream()
                .map(w -> item(w, CompletionItemKind.EnumMember, detail))
                .toList();
    }

    private static boolean isActivationPosition(CursorContext context) {
        List<Token> item = context.item();
        if (item.isEmpty() || item.get(item.size() - 1).getType() != SpdLexer.NUMBER) {
            return false;
        }
        int first = item.get(0).getType();
        return first == SpdLexer.DENSE && (item.size() == 2 || item.size() == 3);
    }

    // ---------------------------------------------------------------- layers after `on`

    private static boolean afterOn(CursorContext context) {
        List<Token> item = context.item();
        int depth = 0;
        for (int i = item.size() - 1; i >= 0; i--) {
            Token token = item.get(i);
            String text = token.getText();
            if (text.equals(")")) {
                depth++;
            } else if (text.equals("(")) {
                depth--;
                if (depth < 0) {
                    return false;
                }
            } else if (depth == 0 && token.getType() == SpdLexer.ON) {
                return i == item.size() - 1 || context.lastText().equals(",");
            } else if (depth == 0 && !text.equals(",") && !CursorContext.isWord(token)) {
                return false;
            }
        }
        return false;
    }

    private static List<CompletionItem> layers(CursorContext context, Optional<Analysis> lastParsed) {
        Optional<String> experimentName = context.enclosing(SpdLexer.EXPERIMENT).flatMap(CursorContext.Block::name);
        Optional<Experiment> parsed = experimentName.flatMap(name -> lastParsed
                .flatMap(Analysis::ast)
                .flatMap(file -> file.experiments().stream()
                        .filter(e -> e.name().name().equals(name))
                        .findFirst()));
        List<CompletionItem> items = new ArrayList<>();
        if (parsed.isPresent()) {
            for (LayerShapes.Shape shape :
                    LayerShapes.of(parsed.get(), lastParsed.flatMap(a -> a.experiment(experimentName.get())))) {
                items.add(item(
                        shape.name(),
                        CompletionItemKind.Field,
                        shape.kind() + " " + shape.inputs() + " → " + shape.outputs() + ", " + shape.weights()
                                + " weights"));
            }
            return items;
        }
        // Not parsed yet: the layers as written so far in this experiment's network block.
        int position = 0;
        List<Token> tokens = context.before();
        int from = context.enclosing(SpdLexer.EXPERIMENT)
                .map(CursorContext.Block::braceIndex)
                .orElse(0);
        for (int i = from; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (type == SpdLexer.DENSE || type == SpdLexer.LINEAR) {
                position++;
                boolean named = i + 1 < tokens.size() && tokens.get(i + 1).getType() == SpdLexer.ID;
                items.add(
                        item(named ? tokens.get(i + 1).getText() : "fc" + position, CompletionItemKind.Field, "layer"));
            }
        }
        return items;
    }

    // ---------------------------------------------------------------- rules

    /** {@code eta = |}, {@code dual = |}: a named rule that defines the function the binding takes. */
    private static Optional<List<CompletionItem>> ruleBinding(
            CursorContext context, Optional<RuleTable> rules, String text) {
        List<Token> item = context.item();
        if (item.size() != 2 || !item.get(1).getText().equals("=")) {
            return Optional.empty();
        }
        String name = item.get(0).getText();
        if (name.equals("eta")
                && context.innermost()
                        .map(b -> b.keyword() == SpdLexer.EXPERIMENT)
                        .orElse(false)) {
            return Optional.of(rules(rules, text, "eta"));
        }
        if (name.equals("dual")) {
            return Optional.of(rules(rules, text, "f", "f'"));
        }
        return Optional.empty();
    }

    /**
     * The rules that define one of {@code functions}: those visible in the file, and the standard library's (with an
     * edit that adds {@code import std} when the file lacks it).
     */
    private static List<CompletionItem> rules(Optional<RuleTable> visible, String text, String... functions) {
        List<CompletionItem> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        visible.ifPresent(table -> table.names()
                .forEach(name -> table.find(name)
                        .filter(r -> defines(r, functions))
                        .ifPresent(rule -> {
                            seen.add(name);
                            items.add(ruleItem(rule, Optional.empty()));
                        })));
        boolean importsStd = text.lines().anyMatch(line -> line.strip().matches("import\\s+std\\b.*"));
        for (RuleDecl rule : Imports.standardLibrary().rules()) {
            if (!seen.contains(rule.name().name()) && defines(rule, functions)) {
                items.add(ruleItem(
                        rule,
                        importsStd
                                ? Optional.empty()
                                : Optional.of(new TextEdit(
                                        new Range(new Position(0, 0), new Position(0, 0)), "import std\n"))));
            }
        }
        return items;
    }

    private static boolean defines(RuleDecl rule, String... functions) {
        for (String function : functions) {
            if (RuleTable.function(rule, function).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static CompletionItem ruleItem(RuleDecl rule, Optional<TextEdit> addImport) {
        StringBuilder snippet = new StringBuilder(rule.name().name()).append('(');
        for (int i = 0; i < rule.params().size(); i++) {
            String param = rule.params().get(i).name();
            snippet.append(i > 0 ? ", " : "")
                    .append(param)
                    .append(": ${")
                    .append(i + 1)
                    .append(':')
                    .append(param)
                    .append('}');
        }
        snippet.append(')');
        CompletionItem item = snippet(
                rule.name().name(),
                snippet.toString(),
                CompletionItemKind.Function,
                RuleDocs.signature(rule).replace("`", "") + (addImport.isPresent() ? " (adds import std)" : ""));
        item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, RuleDocs.markdown(rule)));
        addImport.ifPresent(edit -> item.setAdditionalTextEdits(List.of(edit)));
        return item;
    }

    /** Inside the parentheses of a rule call or an optimizer: the parameters not given yet. */
    private static Optional<List<CompletionItem>> inCall(CursorContext context, Optional<RuleTable> rules) {
        if (context.openParen().isEmpty()) {
            return Optional.empty();
        }
        String callee = context.openParen().get();
        boolean argumentStart =
                context.lastText().equals("(") || context.lastText().equals(",");
        if (!argumentStart) {
            return Optional.empty();
        }
        if (context.item().stream().anyMatch(t -> t.getType() == SpdLexer.TRAIN)
                && Schemas.OPTIMIZERS.containsKey(callee)) {
            return Optional.of(Schemas.OPTIMIZERS.get(callee).settings().values().stream()
                    .map(s -> snippet(
                            s.key() + " =", s.key() + " = $0", CompletionItemKind.Property, Hovers.settingText(s)))
                    .toList());
        }
        Optional<RuleDecl> rule = rules.flatMap(t -> t.find(callee))
                .or(() -> Imports.standardLibrary().rules().stream()
                        .filter(r -> r.name().name().equals(callee))
                        .findFirst());
        if (rule.isPresent()) {
            return Optional.of(rule.get().params().stream()
                    .map(p -> snippet(
                            p.name() + ":",
                            p.name() + ": $0",
                            CompletionItemKind.Property,
                            "parameter of " + RuleDocs.signature(rule.get()).replace("`", "")))
                    .toList());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- expressions

    private static List<CompletionItem> expression(CursorContext context) {
        List<CompletionItem> items = new ArrayList<>();
        constantsInScope(context).forEach(name -> items.add(item(name, CompletionItemKind.Constant, "constant")));
        items.add(item("w", CompletionItemKind.Variable, "the weight"));
        boolean inRule = context.enclosing(SpdLexer.RULE).isPresent();
        if (!inRule) {
            items.add(item("eta", CompletionItemKind.Variable, "the experiment's eta rule eta(w)"));
            if (context.enclosing(SpdLexer.MASK)
                    .map(b -> b.name().orElse("").equals("prox"))
                    .orElse(false)) {
                items.add(item("lr", CompletionItemKind.Variable, "the optimizer's step size"));
            }
        }
        items.add(item("inf", CompletionItemKind.Keyword, "infinity"));
        items.add(snippet(
                "piecewise",
                "piecewise {\n\t${1:value} if ${2:condition},\n\t${3:value} otherwise\n}",
                CompletionItemKind.Keyword,
                "cases tried in order"));
        for (Builtin builtin : Builtin.values()) {
            String args = builtin.arity() == 1 ? "${1:x}" : "${1:x}, ${2:y}";
            items.add(snippet(
                    builtin.spdName(),
                    builtin.spdName() + "(" + args + ")",
                    CompletionItemKind.Function,
                    builtin.description()));
        }
        return items;
    }

    /** The {@code let}s of the enclosing experiment or rule written before the cursor, and the rule's parameters. */
    private static List<String> constantsInScope(CursorContext context) {
        Optional<CursorContext.Block> scope =
                context.enclosing(SpdLexer.RULE).or(() -> context.enclosing(SpdLexer.EXPERIMENT));
        if (scope.isEmpty()) {
            return List.of();
        }
        List<Token> tokens = context.before();
        Set<String> names = new LinkedHashSet<>();
        int brace = scope.get().braceIndex();
        if (scope.get().keyword() == SpdLexer.RULE) {
            int i = brace - 1;
            while (i >= 0 && !tokens.get(i).getText().equals("(")) {
                if (tokens.get(i).getType() == SpdLexer.ID) {
                    names.add(tokens.get(i).getText());
                }
                i--;
            }
        }
        for (int i = brace + 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).getType() == SpdLexer.LET && tokens.get(i + 1).getType() == SpdLexer.ID) {
                names.add(tokens.get(i + 1).getText());
            }
        }
        return List.copyOf(names);
    }

    // ---------------------------------------------------------------- items

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        return item;
    }

    private static CompletionItem keyword(String label, String detail) {
        CompletionItem item = item(label, CompletionItemKind.Keyword, detail);
        item.setInsertText(label + " ");
        return item;
    }

    private static CompletionItem snippet(String label, String body, CompletionItemKind kind, String detail) {
        CompletionItem item = item(label, kind, detail);
        item.setInsertText(body);
        item.setInsertTextFormat(InsertTextFormat.Snippet);
        return item;
    }
}
