package spd.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import spd.compiler.model.EtaRule;
import spd.compiler.model.Experiment;
import spd.compiler.model.Pruning;
import spd.compiler.model.Regularizer;
import spd.compiler.model.SourceRef;
import spd.compiler.model.Strategy;
import spd.compiler.model.Target;
import spd.compiler.sym.Assumptions;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Solver;

/**
 * The element-wise rule methods of a generated class (eta, keep, variance, penalty and its gradient,
 * duals) and the {@code .regularize(...)} and {@code .prune(...)} calls that use them, per layer group.
 */
final class RuleMethods {
    private static final String W = "w";

    private final Experiment experiment;
    private final ClassBuilder members;
    private final String className;
    /** Constants some layer overrides: methods that use them take them as parameters. */
    private final Set<String> overridable = new TreeSet<>();
    /** The keep-probability method of each layer's regularizer, for {@code prune keep < t}. */
    private final Map<String, Function> keepOfLayer = new LinkedHashMap<>();

    private final Map<String, Map<String, Expr>> overridesOfLayer = new LinkedHashMap<>();
    private final Set<String> learnedKeepLayers = new LinkedHashSet<>();
    private Function eta;
    private Function canonicalKeep;

    /** A generated static method and the constants it takes as parameters (beyond its arrays). */
    private record Function(String name, List<String> scalarParams) {}

    RuleMethods(Experiment experiment, ClassBuilder members, String className) {
        this.experiment = experiment;
        this.members = members;
        this.className = className;
        for (Regularizer regularizer : experiment.regularizers()) {
            regularizer.targets().forEach(t -> {
                overridable.addAll(t.overrides().keySet());
                overridesOfLayer.put(t.layer(), t.overrides());
            });
        }
    }

    void emitEta() throws CodegenException {
        Optional<EtaRule> rule = experiment.eta();
        if (rule.isEmpty()) {
            return;
        }
        Expr body = rule.get().body();
        List<String> params = scalarParams(body);
        String name = members.uniqueMethodName("eta");
        members.elementwiseMethod(
                name,
                body,
                Map.of(W, W),
                CodeBlock.of(""),
                Map.of(),
                params,
                rule.get().at(),
                "the eta rule");
        eta = new Function(name, params);
    }

    // ---------------------------------------------------------------- regularizers

    List<CodeBlock> regularize(Regularizer regularizer) throws CodegenException {
        SourceRef at = regularizer.at();
        return switch (regularizer.strategy()) {
            case Strategy.Bernoulli bernoulli -> bernoulli(bernoulli, regularizer);
            case Strategy.Gaussian gaussian -> {
                Function variance = weightFunction("variance", gaussian.variance(), at, "the mask variance");
                yield perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.gaussian($L, $L)",
                                Runtime.REGULARIZERS,
                                reference(variance, group),
                                gaussian.every()));
            }
            case Strategy.Tikhonov tikhonov -> {
                Function keep = weightFunction("keep", tikhonov.keep(), at, "the keep probability");
                rememberKeep(regularizer, keep);
                yield perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.tikhonov($L, $L)",
                                Runtime.REGULARIZERS,
                                reference(keep, group),
                                Literals.number(tikhonov.minKeep())));
            }
            case Strategy.Prox prox -> {
                Function keep = stepFunction("keep", prox.keep(), at);
                // The runtime names the scales by where the step comes from: the schedule, or the optimizer (Adam).
                String scale = switch (prox.scale()) {
                    case SGD -> "PLAIN";
                    case ADAM -> "OPTIMIZER";
                };
                yield perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.prox($L, $T.$L)",
                                Runtime.REGULARIZERS,
                                stepReference(keep, group),
                                Runtime.PROX_SCALE,
                                scale));
            }
            case Strategy.Penalty penalty -> penalty(penalty, regularizer);
            case Strategy.EtaTrick etaTrick -> etaTrick(etaTrick, regularizer);
            case Strategy.Variational variational -> {
                regularizer.targets().forEach(t -> learnedKeepLayers.add(t.layer()));
                yield perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.of($T.Reparameterization.$L, $L)",
                                Runtime.VARIATIONAL,
                                Runtime.VARIATIONAL,
                                variational.reparam().name(),
                                Literals.number(variational.threshold())));
            }
            case Strategy.HardConcrete gates -> {
                regularizer.targets().forEach(t -> learnedKeepLayers.add(t.layer()));
                yield perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.of($L, $L, $L, $L, $L)",
                                Runtime.HARD_CONCRETE,
                                scalar("lambda", group, at),
                                Literals.number(gates.beta()),
                                Literals.number(gates.gamma()),
                                Literals.number(gates.zeta()),
                                Literals.number(gates.init())));
            }
            case Strategy.Magnitude magnitude ->
                perGroup(
                        regularizer,
                        group -> CodeBlock.of(
                                "$T.of($L, $T.Ramp.$L, $L, $L, $L)",
                                Runtime.MAGNITUDE,
                                Literals.number(magnitude.target()),
                                Runtime.MAGNITUDE,
                                magnitude.schedule().name(),
                                magnitude.fromEpoch(),
                                magnitude.toEpoch(),
                                magnitude.every()));
        };
    }

    private List<CodeBlock> bernoulli(Strategy.Bernoulli bernoulli, Regularizer regularizer) throws CodegenException {
        Expr keep = bernoulli.keep();
        if (!keep.dependsOn(W) && !keep.dependsOn("eta")) {
            double value = keep.evaluate(experiment.constantValues());
            return perGroup(
                    regularizer,
                    group -> CodeBlock.of("$T.bernoulliFixed($L)", Runtime.REGULARIZERS, Literals.number(value)));
        }
        Function method = weightFunction("keep", keep, regularizer.at(), "the keep probability");
        rememberKeep(regularizer, method);
        return perGroup(
                regularizer,
                group -> CodeBlock.of(
                        "$T.bernoulli($L, $L)", Runtime.REGULARIZERS, reference(method, group), bernoulli.every()));
    }

    private List<CodeBlock> penalty(Strategy.Penalty penalty, Regularizer regularizer) throws CodegenException {
        SourceRef at = regularizer.at();
        Expr omega = penalty.omega()
                .orElseThrow(() -> new CodegenException(
                        "rule '"
                                + penalty.rule().map(r -> r.name()).orElse("?")
                                + "' defines no omega(w), so spd cannot train with it as a "
                                + "penalty; add omega(w) = ... to the rule (`spd derive` finds it for you)",
                        at));
        Expr value = Expr.mul(penalty.weight(), omega);
        Expr gradient;
        try {
            gradient = value.derivative(W);
        } catch (NotDifferentiableException e) {
            throw new CodegenException("cannot differentiate the penalty: " + e.getMessage(), at);
        }
        Function valueMethod = weightFunction("penalty", value, at, "the penalty");
        Function gradientMethod = weightFunction("penaltyGradient", gradient, at, "the penalty gradient");
        return perGroup(
                regularizer,
                group -> CodeBlock.of(
                        "$T.penalty($L, $L)",
                        Runtime.REGULARIZERS,
                        reference(valueMethod, group),
                        reference(gradientMethod, group)));
    }

    private List<CodeBlock> etaTrick(Strategy.EtaTrick etaTrick, Regularizer regularizer) throws CodegenException {
        SourceRef at = regularizer.at();
        Strategy.Dual dual = etaTrick.dual();
        Expr derivative = dual.derivative()
                .or(() -> dual.eta().flatMap(this::envelopeDerivative))
                .orElse(null);
        if (derivative == null) {
            try {
                derivative = dual.f().orElseThrow().derivative("eta");
            } catch (NotDifferentiableException e) {
                throw new CodegenException("cannot differentiate the dual f: " + e.getMessage(), at);
            }
        }
        Expr f = dual.f()
                .orElseThrow(() -> new CodegenException(
                        "the eta-trick needs the dual f(eta) itself, not only f'(eta), to report its loss; define f(eta) = ...",
                        at));
        Function fMethod = dualFunction("dual", f, at, "the dual f");
        Function fPrime = dualFunction("dualDerivative", derivative, at, "the derivative of the dual f");
        regularizer.targets().forEach(t -> learnedKeepLayers.add(t.layer()));
        return perGroup(
                regularizer,
                group -> CodeBlock.of(
                        "$T.of($L, $L, $L, $L, $L)",
                        Runtime.ETA_TRICK,
                        scalar("lambda", group, at),
                        reference(fMethod, group),
                        reference(fPrime, group),
                        Literals.number(etaTrick.init()),
                        Literals.number(etaTrick.decay())));
    }

    // ---------------------------------------------------------------- the linear duality check

    /**
     * On linear data, the {@code etaHat} and {@code lambda} overrides of {@link Runtime#LINEAR_DUALITY}: the
     * adaptive rule (the eta rule, a penalty rule's eta, or w / Omega'(w) of a penalty) and its strength.
     */
    Optional<List<MethodSpec>> linearDuality() throws CodegenException {
        if (!(experiment.data().orElseThrow() instanceof spd.compiler.model.DataSpec.Linear)
                || !experiment.constants().containsKey("lambda")) {
            return Optional.empty();
        }
        Optional<Expr> rule = dualityRule();
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> layerLambda = experiment.regularizers().stream()
                .flatMap(r -> r.targets().stream())
                .map(t -> t.overrides().get("lambda"))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(v -> Literals.number(v.evaluate(experiment.constantValues())));
        String lambda = layerLambda.orElse(members.scalars().get("lambda"));
        CodeBlock body;
        if (eta != null && rule.get().equals(experiment.eta().map(e -> e.body()).orElse(null))) {
            Map<String, Expr> overrides = experiment.regularizers().stream()
                    .flatMap(r -> r.targets().stream())
                    .findFirst()
                    .map(Target::overrides)
                    .orElse(Map.of());
            body = CodeBlock.builder()
                    .addStatement("return $L", invocation(eta, overrides, List.of(W)))
                    .build();
        } else {
            body = ClassBuilder.print(
                    rule.get(), Map.of(W, W), members.scalars(), experiment.at(), "the adaptive rule");
        }
        MethodSpec etaHat = MethodSpec.methodBuilder("etaHat")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Runtime.INDARRAY)
                .addParameter(Runtime.INDARRAY, W)
                .addCode(body)
                .build();
        MethodSpec lambdaMethod = MethodSpec.methodBuilder("lambda")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(com.palantir.javapoet.TypeName.DOUBLE)
                .addStatement("return $L", lambda)
                .build();
        boolean noiseMask = experiment.regularizers().stream()
                .anyMatch(r -> r.strategy() instanceof Strategy.Bernoulli || r.strategy() instanceof Strategy.Gaussian);
        if (!noiseMask) {
            return Optional.of(List.of(etaHat, lambdaMethod));
        }
        // A noise mask on a linear model penalises w_i^2 in proportion to the mean square of its column.
        MethodSpec dataFactor = MethodSpec.methodBuilder("dataFactor")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Runtime.DATA_FACTOR)
                .addStatement("return $T.COLUMN_MEAN_SQUARE", Runtime.DATA_FACTOR)
                .build();
        return Optional.of(List.of(etaHat, lambdaMethod, dataFactor));
    }

    private Optional<Expr> dualityRule() throws CodegenException {
        if (experiment.eta().isPresent()) {
            return experiment.eta().map(e -> e.body());
        }
        for (Regularizer regularizer : experiment.regularizers()) {
            if (regularizer.strategy() instanceof Strategy.Penalty penalty) {
                if (penalty.eta().isPresent()) {
                    return penalty.eta();
                }
                if (penalty.omega().isPresent()) {
                    try {
                        // The envelope theorem: Omega'(w) = w / eta_hat(w).
                        return Optional.of(
                                Expr.div(Expr.symbol(W), penalty.omega().get().derivative(W)));
                    } catch (NotDifferentiableException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * f'(eta) = (w_hat(eta)/eta)^2, with w_hat the inverse of the rule's eta(w) (the envelope theorem, theory.md
     * 2.2): for log-sum, ((sqrt(eps^2 + 4 eta) - eps)/(2 eta))^2 instead of the three-term derivative of f.
     */
    private Optional<Expr> envelopeDerivative(Expr etaOfW) {
        Map<String, Interval> ranges = new LinkedHashMap<>();
        experiment.constants().forEach((name, c) -> ranges.put(name, Interval.point(c.value())));
        ranges.put("t", Interval.POSITIVE);
        ranges.put("eta", Interval.POSITIVE);
        Expr inT = etaOfW.substitute(Map.of(W, Expr.symbol("t")));
        return Solver.invert(inT, "t", "eta", Assumptions.of(ranges))
                .map(wHat -> Expr.pow(Expr.div(wHat, Expr.symbol("eta")), Expr.TWO));
    }

    // ---------------------------------------------------------------- pruning

    CodeBlock prune(Pruning pruning) throws CodegenException {
        Map<CodeBlock, List<String>> layersByRule = new LinkedHashMap<>();
        for (String layer : pruning.layers()) {
            layersByRule
                    .computeIfAbsent(pruneRule(pruning, layer), k -> new ArrayList<>())
                    .add(layer);
        }
        CodeBlock.Builder calls = CodeBlock.builder();
        boolean first = true;
        for (Map.Entry<CodeBlock, List<String>> entry : layersByRule.entrySet()) {
            calls.add(first ? "" : "\n").add(".prune($L, $L)", entry.getKey(), quoted(entry.getValue()));
            first = false;
        }
        return calls.build();
    }

    private CodeBlock pruneRule(Pruning pruning, String layer) throws CodegenException {
        String threshold = Literals.number(pruning.threshold());
        return switch (pruning.quantity()) {
            case ABS_W -> CodeBlock.of("$T.magnitudeBelow($L)", Runtime.PRUNING, threshold);
            case LOG_ALPHA -> CodeBlock.of("$T.logAlphaAbove($L)", Runtime.PRUNING, threshold);
            case KEEP -> {
                if (learnedKeepLayers.contains(layer)) {
                    yield CodeBlock.of("$T.learnedKeepBelow($L)", Runtime.PRUNING, threshold);
                }
                Function keep = keepOfLayer.containsKey(layer) ? keepOfLayer.get(layer) : canonicalKeep(pruning.at());
                Map<String, Expr> overrides = overridesOfLayer.getOrDefault(layer, Map.of());
                yield CodeBlock.of("$T.keepBelow($L, $L)", Runtime.PRUNING, reference(keep, overrides), threshold);
            }
        };
    }

    /** keep = eta / (eta + lambda): the keep probability of the eta rule (theory.md 1.3), emitted once. */
    private Function canonicalKeep(SourceRef at) throws CodegenException {
        if (canonicalKeep == null) {
            Expr keep = Expr.div(Expr.symbol("eta"), Expr.add(Expr.symbol("eta"), Expr.symbol("lambda")));
            canonicalKeep = weightFunction("keepProbability", keep, at, "the keep probability eta/(eta + lambda)");
        }
        return canonicalKeep;
    }

    private void rememberKeep(Regularizer regularizer, Function keep) {
        regularizer.targets().forEach(t -> keepOfLayer.put(t.layer(), keep));
    }

    // ---------------------------------------------------------------- methods and references

    /** A method {@code name(INDArray w, ...)} for an expression in w and eta. */
    private Function weightFunction(String base, Expr expr, SourceRef at, String what) throws CodegenException {
        boolean usesEta = expr.dependsOn("eta");
        if (usesEta && eta == null) {
            throw new CodegenException(what + " uses eta, but the experiment defines no eta rule", at);
        }
        Expr inW = experiment.inTermsOfW(expr);
        List<String> params = scalarParams(inW);
        String name = members.uniqueMethodName(base);
        CodeBlock preamble =
                usesEta ? CodeBlock.of("$T eta = $L;\n", Runtime.INDARRAY, call(eta, "w", params)) : CodeBlock.of("");
        members.elementwiseMethod(
                name, expr, Map.of(W, W), preamble, usesEta ? Map.of("eta", "eta") : Map.of(), params, at, what);
        return new Function(name, params);
    }

    /** A method {@code keep(INDArray w, INDArray step)}: {@code lr} in the expression is the step size. */
    private Function stepFunction(String base, Expr expr, SourceRef at) throws CodegenException {
        boolean usesEta = expr.dependsOn("eta");
        if (usesEta && eta == null) {
            throw new CodegenException("the keep probability uses eta, but the experiment defines no eta rule", at);
        }
        List<String> params = scalarParams(experiment.inTermsOfW(expr));
        String name = members.uniqueMethodName(base);
        Map<String, String> arrays = new LinkedHashMap<>();
        arrays.put(W, W);
        arrays.put("lr", "step");
        CodeBlock preamble =
                usesEta ? CodeBlock.of("$T eta = $L;\n", Runtime.INDARRAY, call(eta, "w", params)) : CodeBlock.of("");
        members.elementwiseMethod(
                name,
                expr,
                arrays,
                preamble,
                usesEta ? Map.of("eta", "eta") : Map.of(),
                params,
                at,
                "the prox keep probability");
        return new Function(name, params);
    }

    /** A method {@code name(INDArray eta, ...)} for a dual expression in eta. */
    private Function dualFunction(String base, Expr expr, SourceRef at, String what) throws CodegenException {
        List<String> params = scalarParams(expr);
        String name = members.uniqueMethodName(base);
        members.elementwiseMethod(name, expr, Map.of("eta", "eta"), CodeBlock.of(""), Map.of(), params, at, what);
        return new Function(name, params);
    }

    private List<String> scalarParams(Expr expr) {
        return expr.freeSymbols().stream()
                .filter(overridable::contains)
                .sorted()
                .toList();
    }

    /**
     * {@code eta(w, eps)}: a call of {@code function} from inside a method whose own constant parameters are
     * {@code callerParams}; a constant the caller takes as a parameter is passed on, any other is the field.
     */
    private String call(Function function, String array, List<String> callerParams) {
        Map<String, String> parameters = JavaNames.parameters(callerParams);
        List<String> args = new ArrayList<>(List.of(array));
        function.scalarParams()
                .forEach(p ->
                        args.add(parameters.getOrDefault(p, members.scalars().get(p))));
        return function.name() + "(" + String.join(", ", args) + ")";
    }

    /** {@code Class::keep}, or {@code w -> keep(w, 0.01)} when the method takes overridden constants. */
    private String reference(Function function, Map<String, Expr> overrides) {
        return reference(function, overrides, List.of("w"));
    }

    /** The same for {@code keep(w, step)} of the prox: {@code (w, step) -> keep(w, step, 0.01)}. */
    private String stepReference(Function function, Map<String, Expr> overrides) {
        return reference(function, overrides, List.of("w", "step"));
    }

    private String reference(Function function, Map<String, Expr> overrides, List<String> arrays) {
        if (function.scalarParams().isEmpty()) {
            return className + "::" + function.name();
        }
        String parameters = arrays.size() == 1 ? arrays.getFirst() : "(" + String.join(", ", arrays) + ")";
        return parameters + " -> " + invocation(function, overrides, arrays);
    }

    /** {@code keep(w, 0.01)}: a call with the arrays given and each overridden constant's value for the layer. */
    private String invocation(Function function, Map<String, Expr> overrides, List<String> arrays) {
        List<String> args = new ArrayList<>(arrays);
        function.scalarParams().forEach(p -> args.add(overrideValue(p, overrides)));
        return function.name() + "(" + String.join(", ", args) + ")";
    }

    private String overrideValue(String constant, Map<String, Expr> overrides) {
        Expr value = overrides.get(constant);
        if (value == null) {
            return members.scalars().get(constant);
        }
        return Literals.number(value.evaluate(experiment.constantValues()));
    }

    private String scalar(String constant, Map<String, Expr> overrides, SourceRef at) {
        Expr value = overrides.get(constant);
        if (value != null) {
            return Literals.number(value.evaluate(experiment.constantValues()));
        }
        String name = members.scalars().get(constant);
        return name != null ? name : "1";
    }

    // ---------------------------------------------------------------- layer groups

    private interface GroupCall {
        CodeBlock of(Map<String, Expr> overrides) throws CodegenException;
    }

    /** One {@code .regularize(rule, layers...)} per set of layers that share their per-layer overrides. */
    private List<CodeBlock> perGroup(Regularizer regularizer, GroupCall call) throws CodegenException {
        Map<Map<String, Expr>, List<String>> groups = new LinkedHashMap<>();
        for (Target target : regularizer.targets()) {
            groups.computeIfAbsent(target.overrides(), k -> new ArrayList<>()).add(target.layer());
        }
        List<CodeBlock> calls = new ArrayList<>();
        for (Map.Entry<Map<String, Expr>, List<String>> group : groups.entrySet()) {
            calls.add(CodeBlock.of(".regularize($L, $L)", call.of(group.getKey()), quoted(group.getValue())));
        }
        return calls;
    }

    private static String quoted(List<String> layers) {
        return layers.stream().map(Literals::string).collect(Collectors.joining(", "));
    }
}
