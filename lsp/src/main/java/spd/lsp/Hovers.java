package spd.lsp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.RuleDecl;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.RuleTable;
import spd.compiler.lang.Schemas;
import spd.compiler.lang.SettingSpec;
import spd.compiler.numeric.Deadline;
import spd.compiler.numeric.DeadlineExceeded;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationException;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.sym.Builtin;

/** The hover of each kind of {@link Target}: derived penalties, rules, layers, constants, settings and functions. */
final class Hovers {
    private final Derivations derivations;
    private final Duration derivationBudget;
    private final Analyzer analyzer;

    Hovers(Derivations derivations, Duration derivationBudget, Analyzer analyzer) {
        this.derivations = derivations;
        this.derivationBudget = derivationBudget;
        this.analyzer = analyzer;
    }

    Optional<Hover> at(Analysis analysis, int offset) {
        if (analysis.ast().isEmpty() || analysis.rules().isEmpty()) {
            return Optional.empty();
        }
        RuleTable rules = analysis.rules().get();
        return AstLocator.find(analysis.ast().get(), rules, offset)
                .flatMap(target -> text(analysis, rules, target).map(markdown -> {
                    Hover hover = new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown));
                    hover.setRange(LspDiagnostics.range(target.span()));
                    return hover;
                }));
    }

    private Optional<String> text(Analysis analysis, RuleTable rules, Target target) {
        return switch (target) {
            case Target.Regularizing r -> Optional.of(derivation(analysis, r));
            case Target.RuleName r -> rules.find(r.name().name()).map(RuleDocs::markdown);
            case Target.RuleParameter p ->
                rules.find(p.rule())
                        .map(rule -> "parameter `" + p.parameter().name() + "` of " + RuleDocs.signature(rule));
            case Target.Function f ->
                Builtin.byName(f.name().name())
                        .map(b -> "`" + b.spdName() + "` (" + b.arity() + (b.arity() == 1 ? " argument" : " arguments")
                                + "): " + b.description());
            case Target.Name n -> constant(analysis, n);
            case Target.Layer l ->
                layer(analysis, l.experiment(), l.layer().span().line(), l.layer());
            case Target.LayerName l ->
                LayerShapes.of(
                                l.experiment(),
                                analysis.experiment(l.experiment().name().name()))
                        .stream()
                        .filter(s -> s.name().equals(l.name().name()))
                        .findFirst()
                        .map(Hovers::shape);
            case Target.SettingKey s -> setting(s);
        };
    }

    private String derivation(Analysis analysis, Target.Regularizing target) {
        String experimentName = target.experiment().name().name();
        Optional<spd.compiler.model.Experiment> resolved =
                analysis.experiment(experimentName).or(() -> Isolation.alone(analysis, target.experiment(), analyzer));
        if (resolved.isEmpty()) {
            long errors = analysis.errorCount();
            return "The effective penalty is derived once this experiment and the rules it uses check without errors ("
                    + errors + " error" + (errors == 1 ? "" : "s") + " in the file now).";
        }
        Optional<DerivationInput> input = DerivationRequest.of(target.statement(), resolved.get());
        if (input.isEmpty()) {
            return "This statement has no effective penalty of its own.";
        }
        Derivations.Key key = new Derivations.Key(
                analysis.document().uri(),
                analysis.document().version(),
                experimentName,
                target.statement().span().line());
        Future<Derivation> derivation = derivations.derive(key, input.get());
        try {
            return DerivationSummary.markdown(derivation.get(derivationBudget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return "Still deriving the effective penalty after " + derivationBudget.toMillis()
                    + " ms; it goes on in the" + " background (hover again), and `spd derive` shows every step.";
        } catch (CancellationException e) {
            return "The derivation was cancelled by an edit; hover again.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "The derivation was interrupted.";
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case DerivationException d -> "No derivation: " + d.getMessage();
                case DeadlineExceeded d ->
                    "The derivation did not finish within " + Deadline.describe(d.budget())
                            + " of CPU time; `spd derive` shows how far it gets.";
                default ->
                    "The derivation failed: " + e.getCause() + ". This is a bug in spd; `spd derive` on the file"
                            + " says more.";
            };
        }
    }

    private static Optional<String> constant(Analysis analysis, Target.Name name) {
        if (name.rule().isPresent()) {
            RuleDecl rule = name.rule().get();
            if (rule.params().stream().anyMatch(p -> p.name().equals(name.name()))) {
                return Optional.of("parameter `" + name.name() + "` of " + RuleDocs.signature(rule));
            }
            return rule.lets().stream()
                    .filter(l -> l.name().name().equals(name.name()))
                    .findFirst()
                    .map(l -> "`" + l.span().text() + "`");
        }
        if (name.experiment().isEmpty()) {
            return Optional.empty();
        }
        Experiment experiment = name.experiment().get();
        Optional<spd.compiler.model.Constant> resolved = analysis.experiment(
                        experiment.name().name())
                .flatMap(e -> Optional.ofNullable(e.constants().get(name.name())));
        if (resolved.isPresent()) {
            return Optional.of("constant `" + name.name() + " = "
                    + resolved.get().value() + "` (line " + resolved.get().at().line() + ")");
        }
        return experiment.all(LetDecl.class).stream()
                .filter(l -> l.name().name().equals(name.name()))
                .findFirst()
                .map(l -> "`" + l.span().text() + "` (line " + l.span().line() + ")");
    }

    private static Optional<String> layer(Analysis analysis, Experiment experiment, int line, LayerDecl layer) {
        List<LayerShapes.Shape> shapes =
                LayerShapes.of(experiment, analysis.experiment(experiment.name().name()));
        Optional<String> weightLayer =
                shapes.stream().filter(s -> s.line() == line).findFirst().map(Hovers::shape);
        if (weightLayer.isPresent()) {
            return weightLayer;
        }
        if (layer instanceof LayerDecl.Input) {
            return LayerShapes.inputWidth(experiment).map(width -> "input: " + width + " features per example");
        }
        return Optional.empty();
    }

    private static String shape(LayerShapes.Shape shape) {
        if (shape.kind().equals("conv")) {
            return String.format(
                    java.util.Locale.ROOT,
                    "conv layer `%s`: %,d → %,d values per example%s%n%n%,d weights",
                    shape.name(),
                    shape.inputs(),
                    shape.outputs(),
                    shape.activation().equals("none") ? "" : ", " + shape.activation(),
                    shape.weights());
        }
        return String.format(
                java.util.Locale.ROOT,
                "%s layer `%s`: %,d → %,d (output shape %d)%s%n%n%,d weights (%,d × %,d)%s",
                shape.kind(),
                shape.name(),
                shape.inputs(),
                shape.outputs(),
                shape.outputs(),
                shape.activation().equals("none") ? "" : ", " + shape.activation(),
                shape.weights(),
                shape.inputs(),
                shape.outputs(),
                shape.bias()
                        ? String.format(java.util.Locale.ROOT, " and %,d biases (never masked)", shape.outputs())
                        : ", no bias");
    }

    private static Optional<String> setting(Target.SettingKey key) {
        Optional<BlockSchema> schema = switch (key.block()) {
            case "mask" -> key.kind().map(Schemas.MASKS::get);
            case "data" -> key.kind().map(Schemas.DATA::get);
            case "train" -> Optional.of(Schemas.TRAIN);
            default -> Optional.empty();
        };
        return schema.map(s -> s.setting(key.setting().key().name())).map(Hovers::settingText);
    }

    static String settingText(SettingSpec spec) {
        String value = spec.words().isEmpty() ? "" : " " + String.join(" | ", spec.words());
        String dflt = spec.required()
                ? "required"
                : spec.defaultValue() != null
                        ? "default " + spec.defaultValue()
                        : !spec.words().isEmpty() ? "default " + spec.words().get(0) : "optional";
        return "`" + spec.key() + value + "`: " + spec.meaning() + " (" + dflt + ")";
    }
}
