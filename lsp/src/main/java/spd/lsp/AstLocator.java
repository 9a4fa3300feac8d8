package spd.lsp;

import java.util.Optional;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LayerTarget;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.ast.PenaltyDecl;
import spd.compiler.ast.PruneDecl;
import spd.compiler.ast.RuleBinding;
import spd.compiler.ast.RuleDecl;
import spd.compiler.ast.Setting;
import spd.compiler.ast.SettingValue;
import spd.compiler.ast.SpdFile;
import spd.compiler.ast.Statement;
import spd.compiler.ast.TrainBlock;
import spd.compiler.lang.RuleTable;
import spd.compiler.source.Span;

/**
 * Finds the innermost {@link Target} at a character offset of a parsed file. It walks from the outside in and keeps
 * the last target whose span holds the offset; a span holds its end too, so the cursor just after a word counts.
 */
final class AstLocator {
    private final int offset;
    private final RuleTable rules;
    private Target found;

    private AstLocator(int offset, RuleTable rules) {
        this.offset = offset;
        this.rules = rules;
    }

    static Optional<Target> find(SpdFile file, RuleTable rules, int offset) {
        AstLocator locator = new AstLocator(offset, rules);
        file.rules().forEach(locator::rule);
        file.experiments().forEach(locator::experiment);
        return Optional.ofNullable(locator.found);
    }

    private boolean holds(Span span) {
        return span != null && span.start() <= offset && offset <= span.end();
    }

    private void offer(Target target) {
        if (holds(target.span())) {
            found = target;
        }
    }

    private void rule(RuleDecl rule) {
        if (!holds(rule.span())) {
            return;
        }
        offer(new Target.RuleName(rule.name()));
        rule.params().forEach(p -> offer(new Target.Name(p.name(), p.span(), Optional.empty(), Optional.of(rule))));
        for (LetDecl let : rule.lets()) {
            offer(new Target.Name(let.name().name(), let.name().span(), Optional.empty(), Optional.of(rule)));
            expr(let.value(), Optional.empty(), Optional.of(rule));
        }
        rule.functions().forEach(f -> expr(f.body(), Optional.empty(), Optional.of(rule)));
    }

    private void experiment(Experiment experiment) {
        if (!holds(experiment.span())) {
            return;
        }
        Optional<Experiment> scope = Optional.of(experiment);
        for (Statement statement : experiment.statements()) {
            if (holds(statement.span())) {
                statement(statement, experiment, scope);
            }
        }
    }

    private void statement(Statement statement, Experiment experiment, Optional<Experiment> scope) {
        switch (statement) {
            case LetDecl let -> {
                offer(new Target.Name(let.name().name(), let.name().span(), scope, Optional.empty()));
                expr(let.value(), scope, Optional.empty());
            }
            case FunctionDef function -> {
                offer(new Target.Regularizing(function, experiment));
                expr(function.body(), scope, Optional.empty());
            }
            case RuleBinding binding -> {
                offer(new Target.Regularizing(binding, experiment));
                expr(binding.rule(), scope, Optional.empty());
            }
            case MaskBlock mask -> {
                offer(new Target.Regularizing(mask, experiment));
                for (var item : mask.items()) {
                    switch (item) {
                        case FunctionDef f -> expr(f.body(), scope, Optional.empty());
                        case spd.compiler.ast.Binding b -> expr(b.value(), scope, Optional.empty());
                        case Setting s ->
                            setting(s, "mask", Optional.of(mask.kind().name()), scope);
                    }
                }
                targets(mask.targets(), experiment);
            }
            case PenaltyDecl penalty -> {
                offer(new Target.Regularizing(penalty, experiment));
                penalty.definition().ifPresent(f -> expr(f.body(), scope, Optional.empty()));
                penalty.rule().ifPresent(call -> expr(call, scope, Optional.empty()));
                penalty.weight().ifPresent(w -> expr(w, scope, Optional.empty()));
                targets(penalty.targets(), experiment);
            }
            case NetworkBlock network -> network.layers().forEach(l -> offer(new Target.Layer(l, experiment)));
            case DataBlock data ->
                data.settings()
                        .forEach(s -> setting(s, "data", Optional.of(data.kind().name()), scope));
            case TrainBlock train -> {
                train.optimizer().ifPresent(call -> expr(call, scope, Optional.empty()));
                train.settings().forEach(s -> setting(s, "train", Optional.empty(), scope));
            }
            case PruneDecl prune -> {
                expr(prune.condition().left(), scope, Optional.empty());
                expr(prune.condition().right(), scope, Optional.empty());
                targets(prune.targets(), experiment);
            }
            default -> {
                // A statement kind added to the language later: nothing to point at inside it yet.
            }
        }
    }

    private void setting(Setting setting, String block, Optional<String> kind, Optional<Experiment> scope) {
        offer(new Target.SettingKey(setting, block, kind));
        setting.value().ifPresent(value -> {
            switch (value) {
                case SettingValue.Value v -> expr(v.expr(), scope, Optional.empty());
                case SettingValue.Range r -> {
                    expr(r.from(), scope, Optional.empty());
                    expr(r.to(), scope, Optional.empty());
                }
                case SettingValue.Text t -> {}
            }
        });
    }

    private void targets(java.util.List<LayerTarget> targets, Experiment experiment) {
        for (LayerTarget target : targets) {
            offer(new Target.LayerName(target.layer(), experiment));
            target.overrides().forEach(a -> expr(a.value(), Optional.of(experiment), Optional.empty()));
        }
    }

    private void expr(Expr expr, Optional<Experiment> experiment, Optional<RuleDecl> rule) {
        if (!holds(expr.span())) {
            return;
        }
        switch (expr) {
            case Expr.Num num -> {}
            case Expr.Infinity infinity -> {}
            case Expr.Name name -> offer(new Target.Name(name.name(), name.span(), experiment, rule));
            case Expr.Negate negate -> expr(negate.operand(), experiment, rule);
            case Expr.Binary binary -> {
                expr(binary.left(), experiment, rule);
                expr(binary.right(), experiment, rule);
            }
            case Expr.Abs abs -> expr(abs.operand(), experiment, rule);
            case Expr.Call call -> call(call, experiment, rule);
            case Expr.Piecewise piecewise ->
                piecewise.cases().forEach(c -> {
                    expr(c.value(), experiment, rule);
                    c.when().ifPresent(w -> {
                        expr(w.left(), experiment, rule);
                        expr(w.right(), experiment, rule);
                    });
                });
        }
    }

    private void call(Expr.Call call, Optional<Experiment> experiment, Optional<RuleDecl> rule) {
        Ident function = call.function();
        boolean isRule = rules.find(function.name()).isPresent();
        offer(isRule ? new Target.RuleName(function) : new Target.Function(function));
        for (Expr.Argument argument : call.arguments()) {
            if (isRule) {
                argument.name().ifPresent(name -> offer(new Target.RuleParameter(function.name(), name)));
            }
            expr(argument.value(), experiment, rule);
        }
    }
}
