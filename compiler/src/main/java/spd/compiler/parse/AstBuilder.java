package spd.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import spd.compiler.ast.Binding;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.Ident;
import spd.compiler.ast.Import;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.LayerTarget;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.MaskItem;
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
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;
import spd.grammar.SpdParser;
import spd.grammar.SpdParser.*;

/** Builds the AST from a parse tree free of syntax errors; one small method per grammar rule. */
final class AstBuilder {
    private final SourceFile source;

    AstBuilder(SourceFile source) {
        this.source = source;
    }

    SpdFile build(FileContext file) {
        List<RuleDecl> rules = new ArrayList<>();
        List<Experiment> experiments = new ArrayList<>();
        for (DeclarationContext declaration : file.declarations) {
            switch (declaration) {
                case RuleDeclarationContext rule -> rules.add(rule(rule.ruleDecl()));
                case ExperimentDeclarationContext experiment -> experiments.add(experiment(experiment.experiment()));
                default -> throw unexpected(declaration);
            }
        }
        return new SpdFile(source, file.imports.stream().map(this::importDecl).toList(), rules, experiments);
    }

    private Import importDecl(ImportDeclContext context) {
        boolean isPath = context.path != null;
        String target = isPath ? unquote(context.path.getText()) : context.module.getText();
        return new Import(target, isPath, span(context));
    }

    private RuleDecl rule(RuleDeclContext context) {
        List<LetDecl> lets = new ArrayList<>();
        List<FunctionDef> functions = new ArrayList<>();
        for (RuleMemberContext member : context.members) {
            switch (member) {
                case RuleLetContext let -> lets.add(let(let.letDecl()));
                case RuleFunctionContext function -> functions.add(function(function.functionDef()));
                default -> throw unexpected(member);
            }
        }
        return new RuleDecl(
                ident(context.name), context.params.stream().map(this::ident).toList(), lets, functions, span(context));
    }

    private Experiment experiment(ExperimentContext context) {
        return new Experiment(
                ident(context.name),
                context.statements.stream().map(this::statement).toList(),
                span(context));
    }

    private Statement statement(StatementContext context) {
        return switch (context) {
            case DataStatementContext data -> data(data.dataBlock());
            case NetworkStatementContext network -> network(network.networkBlock());
            case LetStatementContext let -> let(let.letDecl());
            case FunctionStatementContext function -> function(function.functionDef());
            case RuleBindingStatementContext binding -> ruleBinding(binding.ruleBinding());
            case MaskStatementContext mask -> mask(mask.maskBlock());
            case PenaltyStatementContext penalty -> penalty(penalty.penaltyDecl());
            case TrainStatementContext train -> train(train.trainBlock());
            case PruneStatementContext prune -> prune(prune.pruneDecl());
            default -> throw unexpected(context);
        };
    }

    private DataBlock data(DataBlockContext context) {
        Ident kind = new Ident(context.kind.getText(), span(context.kind));
        Optional<SettingValue.Text> file = Optional.ofNullable(context.source)
                .map(token -> new SettingValue.Text(unquote(token.getText()), span(token)));
        return new DataBlock(kind, file, settings(context.settingsBlock()), span(context));
    }

    private NetworkBlock network(NetworkBlockContext context) {
        return new NetworkBlock(context.layers.stream().map(this::layer).toList(), span(context));
    }

    private LayerDecl layer(LayerDeclContext context) {
        return switch (context) {
            case InputLayerContext input -> new LayerDecl.Input(dimensions(input), span(context));
            case DenseLayerContext dense ->
                new LayerDecl.Dense(
                        optionalIdent(dense.name),
                        number(dense.size),
                        optionalIdent(dense.activation),
                        false,
                        span(context));
            case LinearLayerContext linear ->
                new LayerDecl.Dense(
                        optionalIdent(linear.name), number(linear.size), Optional.empty(), true, span(context));
            case ConvLayerContext conv ->
                new LayerDecl.Conv(optionalIdent(conv.name), number(conv.size), words(conv.words), span(context));
            case PoolLayerContext pool -> new LayerDecl.MaxPool(number(pool.size), words(pool.words), span(context));
            case FlattenLayerContext flatten -> new LayerDecl.Flatten(span(context));
            case LossDeclContext loss -> new LayerDecl.Loss(ident(loss.kind), span(context));
            default -> throw unexpected(context);
        };
    }

    /** {@code 784}, or {@code 1x28x28} split at each 'x' into numbers that keep their own spans. */
    private List<Expr.Num> dimensions(InputLayerContext input) {
        if (input.size != null) {
            return List.of(number(input.size));
        }
        Span whole = span(input.shape);
        List<Expr.Num> dims = new ArrayList<>();
        int start = 0;
        for (String part : input.shape.getText().split("x")) {
            dims.add(new Expr.Num(
                    part, new Span(whole.file(), whole.start() + start, whole.start() + start + part.length())));
            start += part.length() + 1;
        }
        return dims;
    }

    private List<LayerDecl.Word> words(List<LayerWordContext> words) {
        return words.stream()
                .map(w -> new LayerDecl.Word(w.getText(), w.ID() == null, span(w)))
                .toList();
    }

    private LetDecl let(LetDeclContext context) {
        return new LetDecl(ident(context.name), expr(context.value), span(context));
    }

    private FunctionDef function(FunctionDefContext context) {
        return new FunctionDef(
                optionalIdent(context.label),
                ident(context.name),
                context.prime != null,
                ident(context.param),
                expr(context.body),
                span(context));
    }

    private RuleBinding ruleBinding(RuleBindingContext context) {
        return new RuleBinding(ident(context.name), call(context.named), span(context));
    }

    private MaskBlock mask(MaskBlockContext context) {
        List<MaskItem> items = context.items.stream().map(this::maskItem).toList();
        return new MaskBlock(ident(context.kind), items, targets(context.targets()), span(context));
    }

    private MaskItem maskItem(MaskItemContext context) {
        return switch (context) {
            case MaskFunctionContext function -> function(function.functionDef());
            case MaskBindingContext binding -> new Binding(ident(binding.name), expr(binding.value), span(context));
            case MaskSettingContext setting -> setting(setting.setting());
            default -> throw unexpected(context);
        };
    }

    private PenaltyDecl penalty(PenaltyDeclContext context) {
        return new PenaltyDecl(
                Optional.ofNullable(context.definition).map(this::function),
                Optional.ofNullable(context.named).map(this::call),
                Optional.ofNullable(context.weight).map(this::expr),
                targets(context.targets()),
                span(context));
    }

    private TrainBlock train(TrainBlockContext context) {
        return new TrainBlock(
                Optional.ofNullable(context.optimizer).map(this::call),
                settings(context.settingsBlock()),
                span(context));
    }

    private PruneDecl prune(PruneDeclContext context) {
        return new PruneDecl(condition(context.condition()), targets(context.targets()), span(context));
    }

    private List<LayerTarget> targets(TargetsContext context) {
        if (context == null) {
            return List.of();
        }
        return context.layers.stream()
                .map(t -> new LayerTarget(
                        ident(t.layer), t.overrides.stream().map(this::argument).toList(), span(t)))
                .toList();
    }

    private List<Setting> settings(SettingsBlockContext context) {
        return context == null
                ? List.of()
                : context.settings.stream().map(this::setting).toList();
    }

    private Setting setting(SettingContext context) {
        return new Setting(
                ident(context.key), Optional.ofNullable(context.value).map(this::settingValue), span(context));
    }

    private SettingValue settingValue(SettingValueContext context) {
        return switch (context) {
            case RangeValueContext range -> new SettingValue.Range(expr(range.from), expr(range.to), span(context));
            case ExprValueContext value -> new SettingValue.Value(expr(value.expr()));
            case StringValueContext text ->
                new SettingValue.Text(unquote(text.STRING().getText()), span(context));
            // The keyword 'linear' is also a word value (schedule linear): a name, like the other words.
            case LinearValueContext word ->
                new SettingValue.Value(new Expr.Name(word.LINEAR().getText(), span(context)));
            default -> throw unexpected(context);
        };
    }

    // ---------------------------------------------------------------- expressions

    /** The expression of a {@code standaloneExpr} parse. */
    Expr expression(SpdParser.StandaloneExprContext context) {
        return expr(context.value);
    }

    private Expr expr(ExprContext context) {
        Span span = span(context);
        return switch (context) {
            case PowerContext power -> new Expr.Binary(Expr.BinaryOp.POW, expr(power.base), expr(power.exponent), span);
            case NegateContext negate -> new Expr.Negate(expr(negate.operand), span);
            case UnaryPlusContext plus -> expr(plus.operand);
            case MultiplicativeContext m ->
                new Expr.Binary(
                        m.op.getText().equals("*") ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV,
                        expr(m.left),
                        expr(m.right),
                        span);
            case AdditiveContext a ->
                new Expr.Binary(
                        a.op.getText().equals("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB,
                        expr(a.left),
                        expr(a.right),
                        span);
            case NumberContext number -> new Expr.Num(number.getText(), span);
            case InfinityContext infinity -> new Expr.Infinity(span);
            case CallExprContext call -> call(call.call());
            case NameContext name -> new Expr.Name(name.name.getText(), span);
            case AbsoluteContext abs -> new Expr.Abs(expr(abs.operand), span);
            case ParenthesizedContext paren -> expr(paren.inner);
            case PiecewiseContext piecewise ->
                new Expr.Piecewise(piecewise.cases.stream().map(this::pieceCase).toList(), span);
            default -> throw unexpected(context);
        };
    }

    private Expr.Call call(CallContext context) {
        return new Expr.Call(
                ident(context.function),
                context.arguments.stream().map(this::argument).toList(),
                span(context));
    }

    private Expr.Argument argument(ArgumentContext context) {
        return new Expr.Argument(optionalIdent(context.name), expr(context.value), span(context));
    }

    private Expr.Case pieceCase(PieceCaseContext context) {
        return switch (context) {
            case ConditionalCaseContext c ->
                new Expr.Case(expr(c.value), Optional.of(condition(c.when)), span(context));
            case OtherwiseCaseContext o -> new Expr.Case(expr(o.value), Optional.empty(), span(context));
            default -> throw unexpected(context);
        };
    }

    private Expr.Condition condition(ConditionContext context) {
        Expr.Relation relation = switch (context.op.getText()) {
            case "<" -> Expr.Relation.LT;
            case "<=" -> Expr.Relation.LE;
            case ">" -> Expr.Relation.GT;
            default -> Expr.Relation.GE;
        };
        return new Expr.Condition(expr(context.left), relation, expr(context.right), span(context));
    }

    // ---------------------------------------------------------------- helpers

    private Expr.Num number(Token token) {
        return new Expr.Num(token.getText(), span(token));
    }

    private Ident ident(Token token) {
        return new Ident(token.getText(), span(token));
    }

    private Optional<Ident> optionalIdent(Token token) {
        return Optional.ofNullable(token).map(this::ident);
    }

    private Span span(ParserRuleContext context) {
        Token stop = context.getStop() != null ? context.getStop() : context.getStart();
        return new Span(source, context.getStart().getStartIndex(), stop.getStopIndex() + 1);
    }

    private Span span(Token token) {
        return new Span(source, token.getStartIndex(), token.getStopIndex() + 1);
    }

    private static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The grammar changed without this builder: a bug in spd, not a user mistake. */
    private static IllegalStateException unexpected(ParserRuleContext context) {
        return new IllegalStateException(
                "AstBuilder does not handle " + context.getClass().getSimpleName());
    }
}
