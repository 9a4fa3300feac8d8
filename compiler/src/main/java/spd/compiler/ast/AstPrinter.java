package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/**
 * Prints an AST as an indented S-expression with line:column positions: the format of the golden AST
 * tests and of {@code spd check --ast}.
 */
public final class AstPrinter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    private AstPrinter() {}

    public static String print(SpdFile file) {
        AstPrinter printer = new AstPrinter();
        printer.file(file);
        return printer.out.toString();
    }

    private void file(SpdFile file) {
        open("file", null);
        file.imports().forEach(i -> leaf("import " + (i.isPath() ? "\"" + i.target() + "\"" : i.target()), i.span()));
        file.rules().forEach(this::rule);
        file.experiments().forEach(this::experiment);
        close();
    }

    private void rule(RuleDecl rule) {
        open(
                "rule " + rule.name().name() + "("
                        + String.join(
                                ", ", rule.params().stream().map(Ident::name).toList()) + ")",
                rule.span());
        rule.lets().forEach(this::statement);
        rule.functions().forEach(this::statement);
        close();
    }

    private void experiment(Experiment experiment) {
        open("experiment " + experiment.name().name(), experiment.span());
        experiment.statements().forEach(this::statement);
        close();
    }

    private void statement(Statement statement) {
        switch (statement) {
            case DataBlock data -> {
                open(
                        "data " + data.kind().name()
                                + data.file()
                                        .map(f -> " file \"" + f.value() + "\"")
                                        .orElse(""),
                        data.span());
                data.settings().forEach(this::setting);
                close();
            }
            case NetworkBlock network -> {
                open("network", network.span());
                network.layers().forEach(this::layer);
                close();
            }
            case LetDecl let -> {
                open("let " + let.name().name(), let.span());
                expr(let.value());
                close();
            }
            case FunctionDef function -> function(function);
            case RuleBinding binding -> {
                open("bind " + binding.name().name(), binding.span());
                expr(binding.rule());
                close();
            }
            case MaskBlock mask -> {
                open("mask " + mask.kind().name(), mask.span());
                mask.items().forEach(this::maskItem);
                targets(mask.targets());
                close();
            }
            case PenaltyDecl penalty -> {
                open("penalty", penalty.span());
                penalty.definition().ifPresent(this::function);
                penalty.rule().ifPresent(this::expr);
                penalty.weight().ifPresent(w -> labelled("weight", w));
                targets(penalty.targets());
                close();
            }
            case TrainBlock train -> {
                open("train", train.span());
                train.optimizer().ifPresent(this::expr);
                train.settings().forEach(this::setting);
                close();
            }
            case PruneDecl prune -> {
                open("prune", prune.span());
                condition(prune.condition());
                targets(prune.targets());
                close();
            }
        }
    }

    private void function(FunctionDef function) {
        String label = function.label().map(l -> l.name() + " ").orElse("");
        open("def " + label + function.displayName() + "(" + function.param().name() + ")", function.span());
        expr(function.body());
        close();
    }

    private void maskItem(MaskItem item) {
        switch (item) {
            case FunctionDef function -> function(function);
            case Binding binding -> labelled(binding.name().name() + " =", binding.value());
            case Setting setting -> setting(setting);
        }
    }

    private void layer(LayerDecl layer) {
        switch (layer) {
            case LayerDecl.Input input -> leaf("input " + input.text(), input.span());
            case LayerDecl.Dense dense ->
                leaf(
                        (dense.linear() ? "linear" : "dense")
                                + dense.name().map(n -> " " + n.name()).orElse("") + " "
                                + dense.size().text()
                                + dense.activation().map(a -> " " + a.name()).orElse(""),
                        dense.span());
            case LayerDecl.Conv conv ->
                leaf(
                        "conv" + conv.name().map(n -> " " + n.name()).orElse("") + " "
                                + conv.filters().text() + words(conv.words()),
                        conv.span());
            case LayerDecl.MaxPool pool -> leaf("maxpool " + pool.size().text() + words(pool.words()), pool.span());
            case LayerDecl.Flatten flatten -> leaf("flatten", flatten.span());
            case LayerDecl.Loss loss -> leaf("loss " + loss.kind().name(), loss.span());
        }
    }

    private static String words(List<LayerDecl.Word> words) {
        return words.stream().map(w -> " " + w.text()).collect(java.util.stream.Collectors.joining());
    }

    private void setting(Setting setting) {
        Optional<SettingValue> value = setting.value();
        if (value.isEmpty()) {
            leaf("setting " + setting.key().name(), setting.span());
            return;
        }
        open("setting " + setting.key().name(), setting.span());
        switch (value.get()) {
            case SettingValue.Value v -> expr(v.expr());
            case SettingValue.Range r -> {
                open("range", r.span());
                expr(r.from());
                expr(r.to());
                close();
            }
            case SettingValue.Text t -> leaf("text \"" + t.value() + "\"", t.span());
        }
        close();
    }

    private void targets(List<LayerTarget> targets) {
        for (LayerTarget target : targets) {
            open("on " + target.layer().name(), target.span());
            target.overrides().forEach(this::argument);
            close();
        }
    }

    private void labelled(String label, Expr expr) {
        open(label, expr.span());
        expr(expr);
        close();
    }

    private void condition(Expr.Condition condition) {
        open(condition.relation().symbol(), condition.span());
        expr(condition.left());
        expr(condition.right());
        close();
    }

    private void argument(Expr.Argument argument) {
        open("arg" + argument.name().map(n -> " " + n.name()).orElse(""), argument.span());
        expr(argument.value());
        close();
    }

    private void expr(Expr expr) {
        switch (expr) {
            case Expr.Num num -> leaf("num " + num.text(), num.span());
            case Expr.Infinity infinity -> leaf("inf", infinity.span());
            case Expr.Name name -> leaf("name " + name.name(), name.span());
            case Expr.Negate negate -> {
                open("neg", negate.span());
                expr(negate.operand());
                close();
            }
            case Expr.Binary binary -> {
                open(binary.op().symbol(), binary.span());
                expr(binary.left());
                expr(binary.right());
                close();
            }
            case Expr.Abs abs -> {
                open("abs", abs.span());
                expr(abs.operand());
                close();
            }
            case Expr.Call call -> {
                open("call " + call.function().name(), call.span());
                call.arguments().forEach(this::argument);
                close();
            }
            case Expr.Piecewise piecewise -> {
                open("piecewise", piecewise.span());
                for (Expr.Case c : piecewise.cases()) {
                    open(c.when().isPresent() ? "case" : "otherwise", c.span());
                    expr(c.value());
                    c.when().ifPresent(this::condition);
                    close();
                }
                close();
            }
        }
    }

    private void open(String head, Span span) {
        indent();
        out.append('(').append(head);
        position(span);
        out.append('\n');
        depth++;
    }

    private void close() {
        depth--;
        out.setLength(out.length() - 1);
        out.append(")\n");
    }

    private void leaf(String text, Span span) {
        indent();
        out.append('(').append(text);
        position(span);
        out.append(")\n");
    }

    private void position(Span span) {
        if (span != null) {
            out.append(" @").append(span.line()).append(':').append(span.column());
        }
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }
}
