package spd.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.LayerTarget;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.ast.PenaltyDecl;
import spd.compiler.ast.PruneDecl;
import spd.compiler.ast.RuleBinding;
import spd.compiler.ast.Statement;
import spd.compiler.ast.TrainBlock;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.RuleTable;
import spd.compiler.lang.Schemas;
import spd.compiler.lang.SettingSpec;
import spd.compiler.lang.ValueKind;
import spd.compiler.source.Span;

/** Checks one experiment: its constants, blocks, rules, masks, training, pruning, and how they fit together. */
final class ExperimentChecker {
    /** Names with a fixed meaning that a {@code let} may not take. */
    private static final Set<String> RESERVED = Set.of("w", "eta", "lr");

    private final Diagnostics diagnostics;
    private final RuleTable rules;
    private final ExprChecker exprs;
    private final Constants constants = new Constants();
    private final SettingsChecker settings;
    private final RuleCallChecker ruleCalls;
    /** The experiment's eta rule in terms of w, once checked, for the range checks of its keep expressions. */
    private Optional<spd.compiler.sym.Expr> etaOfW = Optional.empty();
    /** The train block's batch size and where it is written, once checked. */
    private Double batch;

    private Span batchSpan;

    private final java.nio.file.Path baseDir;

    ExperimentChecker(Diagnostics diagnostics, RuleTable rules, java.nio.file.Path baseDir) {
        this.diagnostics = diagnostics;
        this.baseDir = baseDir;
        this.rules = rules;
        this.exprs = new ExprChecker(diagnostics, rules);
        this.settings = new SettingsChecker(diagnostics, exprs, constants);
        this.ruleCalls = new RuleCallChecker(diagnostics, rules, exprs);
    }

    void check(Experiment experiment) {
        experiment.all(LetDecl.class).forEach(this::checkLet);
        Optional<NetworkChecker.DataFacts> data = checkData(experiment);
        Map<String, LayerDecl> layers = checkNetwork(experiment, data);
        boolean hasEta = checkEta(experiment);
        boolean trainable = !experiment.all(DataBlock.class).isEmpty()
                && !experiment.all(NetworkBlock.class).isEmpty()
                && !experiment.all(TrainBlock.class).isEmpty();
        List<MaskChecker.MaskFacts> masks = checkMasks(experiment, hasEta, trainable);
        experiment.all(PenaltyDecl.class).forEach(penalty -> checkPenalty(penalty, trainable));
        checkTrain(experiment, masks);
        checkBatchSize(experiment, layers);
        checkPrune(experiment, masks, hasEta);
        checkTargets(experiment, layers);
        checkRequiredBlocks(experiment);
    }

    // ---------------------------------------------------------------- constants

    private void checkLet(LetDecl let) {
        String name = let.name().name();
        if (RESERVED.contains(name)) {
            diagnostics.report(
                    Code.E0109,
                    let.name().span(),
                    "'" + name + "' is reserved and cannot be a constant",
                    Scope.SPECIAL_VARIABLES.get(name));
            return;
        }
        if (constants.contains(name)) {
            diagnostics.report(
                    Code.E0102,
                    let.name().span(),
                    "constant '" + name + "' is defined twice",
                    "first defined at line "
                            + constants.declaration(name).span().line());
            return;
        }
        long before = diagnostics.errorCount();
        exprs.check(let.value(), constants.scope(Set.of(), "a constant"));
        Double value = null;
        if (diagnostics.errorCount() == before) {
            OptionalDouble evaluated = ConstantEvaluator.evaluate(let.value(), constants.values());
            if (evaluated.isEmpty()) {
                diagnostics.report(
                        Code.E0503,
                        let.value().span(),
                        "constant '" + name + "' is not a finite number",
                        "check for a division by zero or the logarithm of a non-positive number");
            } else {
                value = evaluated.getAsDouble();
            }
        }
        constants.add(let, value);
    }

    // ---------------------------------------------------------------- data and network

    private Optional<NetworkChecker.DataFacts> checkData(Experiment experiment) {
        List<DataBlock> blocks = experiment.all(DataBlock.class);
        reportDuplicates(blocks, "data");
        return blocks.isEmpty()
                ? Optional.empty()
                : new DataChecker(diagnostics, settings, baseDir).check(blocks.getFirst());
    }

    private Map<String, LayerDecl> checkNetwork(Experiment experiment, Optional<NetworkChecker.DataFacts> data) {
        List<NetworkBlock> blocks = experiment.all(NetworkBlock.class);
        reportDuplicates(blocks, "network");
        return blocks.isEmpty() ? Map.of() : networks().checkNetwork(blocks.getFirst(), data);
    }

    private NetworkChecker networks() {
        return new NetworkChecker(diagnostics);
    }

    // ---------------------------------------------------------------- the eta rule

    /** Checks {@code eta(w) = ...} and {@code eta = rule(...)}; true when an eta rule is defined. */
    private boolean checkEta(Experiment experiment) {
        List<Span> definitions = new ArrayList<>();
        for (Statement statement : experiment.statements()) {
            switch (statement) {
                case FunctionDef function -> {
                    if (checkEtaFunction(function)) {
                        definitions.add(function.span());
                    }
                }
                case RuleBinding binding -> {
                    if (checkEtaBinding(binding)) {
                        definitions.add(binding.span());
                    }
                }
                default -> {}
            }
        }
        for (int i = 1; i < definitions.size(); i++) {
            diagnostics.report(
                    Code.E0102,
                    definitions.get(i),
                    "the eta rule is defined twice",
                    "first defined at line " + definitions.getFirst().line() + "; an experiment has one eta rule");
        }
        return !definitions.isEmpty();
    }

    private boolean checkEtaFunction(FunctionDef function) {
        String name = function.displayName();
        if (function.label().isPresent() || !Schemas.EXPERIMENT_FUNCTIONS.contains(name)) {
            String[] help = Suggestions.didYouMean(name, Schemas.EXPERIMENT_FUNCTIONS);
            String hint = switch (name) {
                case "omega" -> "a penalty is declared as: penalty omega(w) = ... weight lambda";
                case "f", "f'" -> "a dual belongs in an eta-trick mask: mask eta_trick { f(eta) = ... }";
                case "keep" -> "a keep probability belongs in a mask: mask bernoulli { keep = ... }";
                default -> help.length > 0 ? help[0] : "an experiment defines its reweighting rule as eta(w) = ...";
            };
            diagnostics.report(
                    Code.E0207, function.name().span(), "an experiment cannot define '" + name + "' here", hint);
            return false;
        }
        String param = function.param().name();
        long before = diagnostics.errorCount();
        Set<String> used = exprs.check(function.body(), constants.scope(Set.of(param), "the eta rule"));
        if (diagnostics.errorCount() == before && !used.contains(param)) {
            diagnostics.report(
                    Code.W0402,
                    function.body().span(),
                    "the eta rule does not depend on " + param,
                    "a constant eta is fixed (non-adaptive) dropout, i.e. plain ridge; write eta(" + param
                            + ") in terms of |" + param + "| for an adaptive rule");
        }
        if (diagnostics.errorCount() == before) {
            etaOfW = ValueRanges.lower(function);
            etaOfW.ifPresent(eta -> checkReweighting(eta, function.body().span()));
        }
        return true;
    }

    /** A reweighting eta_hat(w) is a nonnegative number (or inf) for every weight. */
    private void checkReweighting(spd.compiler.sym.Expr eta, Span at) {
        ValueRanges.outside(eta, constants.values(), 0, Double.POSITIVE_INFINITY)
                .ifPresent(witness -> diagnostics.report(
                        Code.E0411,
                        at,
                        "the reweighting eta(w) is " + (Double.isNaN(witness.value()) ? "not a number" : "negative")
                                + " at w = " + ValueRanges.format(witness.w()) + ": eta("
                                + ValueRanges.format(witness.w()) + ") = " + ValueRanges.format(witness.value()),
                        "eta(w) weighs each weight and must be >= 0 (or inf) for every w; write it in terms of |w|, e.g."
                                + " eta(w) = |w| * (|w| + eps)"));
    }

    private boolean checkEtaBinding(RuleBinding binding) {
        String name = binding.name().name();
        if (!name.equals("eta")) {
            diagnostics.report(
                    Code.E0207,
                    binding.name().span(),
                    "an experiment cannot bind '" + name + "' to a rule",
                    "write eta = " + binding.rule().function().name() + "(...)");
            return false;
        }
        ruleCalls
                .check(binding.rule(), constants.scope(Set.of(), "a rule argument"))
                .ifPresent(use -> {
                    if (RuleTable.function(use.rule(), "eta").isEmpty()) {
                        diagnostics.report(
                                Code.E0404,
                                binding.rule().span(),
                                "rule '" + use.rule().name().name() + "' defines no eta(w)",
                                "its functions are "
                                        + String.join(
                                                ", ",
                                                use.rule().functions().stream()
                                                        .map(FunctionDef::displayName)
                                                        .toList()));
                        return;
                    }
                    long before = diagnostics.errorCount();
                    requireContextLambda(use, binding.rule().span());
                    if (diagnostics.errorCount() == before) {
                        etaOfW = ValueRanges.ruleEta(use);
                        etaOfW.ifPresent(
                                eta -> checkReweighting(eta, binding.rule().span()));
                    }
                });
        return true;
    }

    /** A rule that refers to the experiment's lambda needs the experiment to define it. */
    private void requireContextLambda(RuleCallChecker.RuleUse use, Span at) {
        boolean usesLambda =
                use.rule().functions().stream().anyMatch(f -> Names.of(f.body()).contains("lambda"));
        if (usesLambda
                && !use.arguments().containsKey("lambda")
                && !constants.contains("lambda")
                && use.rule().params().stream().noneMatch(p -> p.name().equals("lambda"))) {
            diagnostics.report(
                    Code.E0101,
                    at,
                    "rule '" + use.rule().name().name() + "' uses lambda, which this experiment does not define",
                    "add: let lambda = 1e-3");
        }
    }

    // ---------------------------------------------------------------- masks and penalties

    private List<MaskChecker.MaskFacts> checkMasks(Experiment experiment, boolean hasEta, boolean trainable) {
        MaskChecker checker = new MaskChecker(diagnostics, exprs, settings, ruleCalls, constants, etaOfW);
        List<MaskChecker.MaskFacts> facts = new ArrayList<>();
        for (MaskBlock mask : experiment.all(MaskBlock.class)) {
            MaskChecker.MaskFacts fact = checker.check(mask);
            facts.add(fact);
            if (fact.usesEta() && !hasEta) {
                diagnostics.report(
                        Code.E0403,
                        mask.span(),
                        "this mask uses eta, but the experiment defines no eta rule",
                        "define the reweighting rule, e.g. eta(w) = |w| * (|w| + eps), or eta = logsum(eps: 2) with import std");
            }
            if (trainable && fact.kind().equals("eta_trick") && fact.dualDefined() && !fact.dualValueDefined()) {
                diagnostics.report(
                        Code.E0409,
                        mask.span(),
                        "the eta-trick needs the dual f(eta) itself, not only f'(eta)," + " to train (its loss adds f)",
                        "define f(eta) = ... in the mask, or use a rule that defines f");
            }
        }
        if (hasEta
                && !facts.isEmpty()
                && facts.stream().noneMatch(MaskChecker.MaskFacts::usesEta)
                && experiment.all(PenaltyDecl.class).isEmpty()) {
            Span eta = experiment.statements().stream()
                    .filter(s -> s instanceof FunctionDef || s instanceof RuleBinding)
                    .findFirst()
                    .orElseThrow()
                    .span();
            diagnostics.report(
                    Code.W0406,
                    eta,
                    "the eta rule is not used by any mask",
                    "refer to it as 'eta' in a keep or variance expression");
        }
        return facts;
    }

    private void checkPenalty(PenaltyDecl penalty, boolean trainable) {
        penalty.definition().ifPresent(definition -> {
            if (definition.label().isPresent() || !definition.displayName().equals("omega")) {
                diagnostics.report(
                        Code.E0207,
                        definition.name().span(),
                        "a penalty is written penalty omega(w) = ...",
                        "name the function omega");
            }
            String param = definition.param().name();
            long before = diagnostics.errorCount();
            Set<String> used = exprs.check(definition.body(), constants.scope(Set.of(param), "the penalty"));
            if (diagnostics.errorCount() == before && !used.contains(param)) {
                diagnostics.report(
                        Code.W0402,
                        definition.body().span(),
                        "the penalty does not depend on " + param,
                        "a constant penalty has no effect on training");
            }
            if (diagnostics.errorCount() == before) {
                requireDerivative(definition.body());
            }
        });
        penalty.rule()
                .ifPresent(call -> ruleCalls
                        .check(call, constants.scope(Set.of(), "a rule argument"))
                        .ifPresent(use -> {
                            Optional<FunctionDef> omega = RuleTable.function(use.rule(), "omega");
                            if (omega.isEmpty()
                                    && RuleTable.function(use.rule(), "eta").isEmpty()) {
                                diagnostics.report(
                                        Code.E0404,
                                        call.span(),
                                        "rule '" + use.rule().name().name()
                                                + "' defines neither omega(w) nor eta(w), so it gives no penalty");
                            } else if (omega.isEmpty() && trainable) {
                                diagnostics.report(
                                        Code.E0408,
                                        call.span(),
                                        "rule '" + use.rule().name().name() + "' defines no omega(w),"
                                                + " so spd cannot train with it as a penalty",
                                        "add omega(w) = ... to the rule (`spd derive` finds it"
                                                + " for you), or use the rule as a mask: eta = "
                                                + use.rule().name().name() + "(...)");
                            }
                            requireContextLambda(use, call.span());
                        }));
        if (penalty.weight().isPresent()) {
            settings.checkNumericExpr(penalty.weight().get(), "weight", ValueKind.NON_NEGATIVE);
        } else if (!constants.contains("lambda")) {
            diagnostics.report(
                    Code.E0204,
                    penalty.span(),
                    "the penalty has no weight",
                    "add 'weight lambda' (with let lambda = ...) or a number: weight 1e-3");
        }
    }

    /** A penalty is differentiated (for training and for its adaptive rule): no function known only numerically. */
    private void requireDerivative(Expr body) {
        Differentiability.numericOnlyCall(body)
                .ifPresent(
                        call -> diagnostics.report(
                                Code.E0410,
                                call.span(),
                                "'" + call.function().name()
                                        + "' is known only numerically, and a penalty must be differentiable",
                                "write the penalty in closed form, or use the rule as an eta-trick dual: mask eta_trick { f(eta) = ... }"));
    }

    // ---------------------------------------------------------------- training and pruning

    private void checkTrain(Experiment experiment, List<MaskChecker.MaskFacts> masks) {
        List<TrainBlock> blocks = experiment.all(TrainBlock.class);
        reportDuplicates(blocks, "train");
        if (blocks.isEmpty()) {
            return;
        }
        TrainBlock train = blocks.getFirst();
        String optimizer = train.optimizer().map(call -> checkOptimizer(call)).orElse("adam");
        Map<String, Double> values = settings.check(train.settings(), Schemas.TRAIN, "train", train.span());
        Double epochs = values.get("epochs");
        batch = values.get("batch");
        batchSpan = train.settings().stream()
                .filter(s -> s.key().name().equals("batch"))
                .findFirst()
                .map(spd.compiler.ast.Setting::span)
                .orElse(train.span());
        for (MaskBlock mask : experiment.all(MaskBlock.class)) {
            boolean adamScaled = mask.items().stream()
                    .anyMatch(item -> item instanceof spd.compiler.ast.Setting s
                            && s.key().name().equals("scale")
                            && s.value()
                                    .map(v -> v.span().text().equals("adam"))
                                    .orElse(false));
            if (adamScaled && !optimizer.equals("adam")) {
                diagnostics.report(
                        Code.E0404,
                        mask.span(),
                        "an Adam-scaled prox needs the adam optimizer, not " + optimizer,
                        "use train adam(lr = ...) or 'scale sgd'");
            }
        }
        if (epochs != null) {
            masks.stream()
                    .filter(m -> m.kind().equals("magnitude"))
                    .forEach(m -> checkMagnitudeEpochs(experiment, epochs));
        }
    }

    /** One batch of a dense layer's outputs (or inputs) is one array: batch x width numbers, at most 2^31 - 1. */
    private void checkBatchSize(Experiment experiment, Map<String, LayerDecl> layers) {
        if (batch == null || layers.isEmpty()) {
            return;
        }
        double widest = 0;
        for (NetworkBlock network : experiment.all(NetworkBlock.class)) {
            for (LayerDecl layer : network.layers()) {
                if (layer instanceof LayerDecl.Dense dense) {
                    widest = Math.max(
                            widest,
                            Numbers.parse(dense.size().text())
                                    .map(v -> v.doubleValue())
                                    .orElse(0.0));
                } else if (layer instanceof LayerDecl.Input input) {
                    double values = 1;
                    for (Expr.Num dim : input.dims()) {
                        values *= Numbers.parse(dim.text())
                                .map(v -> v.doubleValue())
                                .orElse(0.0);
                    }
                    widest = Math.max(widest, values);
                }
            }
        }
        if (batch * widest > Integer.MAX_VALUE) {
            diagnostics.report(
                    Code.E0203,
                    batchSpan,
                    String.format(
                            java.util.Locale.ROOT,
                            "a batch of %,.0f examples"
                                    + " through a layer %,.0f wide is %,.0f numbers; one array holds at most %,d",
                            batch,
                            widest,
                            batch * widest,
                            Integer.MAX_VALUE),
                    "use a smaller batch");
        }
    }

    private void checkMagnitudeEpochs(Experiment experiment, double epochs) {
        for (MaskBlock mask : experiment.all(MaskBlock.class)) {
            mask.items().stream()
                    .filter(item -> item instanceof spd.compiler.ast.Setting s
                            && s.key().name().equals("epochs"))
                    .map(item -> (spd.compiler.ast.Setting) item)
                    .flatMap(s -> s.value().stream())
                    .filter(v -> v instanceof spd.compiler.ast.SettingValue.Range)
                    .map(v -> (spd.compiler.ast.SettingValue.Range) v)
                    .forEach(range -> ConstantEvaluator.evaluate(range.to(), constants.values())
                            .ifPresent(last -> {
                                if (last > epochs) {
                                    diagnostics.report(
                                            Code.E0203,
                                            range.span(),
                                            "pruning ramps up until epoch " + (long) last
                                                    + ", but training stops after " + (long) epochs,
                                            "end the range at or before epoch " + (long) epochs);
                                }
                            }));
        }
    }

    private String checkOptimizer(Expr.Call call) {
        String name = call.function().name();
        BlockSchema schema = Schemas.OPTIMIZERS.get(name);
        if (schema == null) {
            diagnostics.report(
                    Code.E0201,
                    call.function().span(),
                    "unknown optimizer '" + name + "'",
                    NetworkChecker.oneOf(name, List.copyOf(Schemas.OPTIMIZERS.keySet()), "optimizers"));
            return name;
        }
        Map<String, Span> seen = new HashMap<>();
        List<String> params = List.copyOf(schema.settings().keySet());
        for (int i = 0; i < call.arguments().size(); i++) {
            Expr.Argument argument = call.arguments().get(i);
            String param = argument.name().map(spd.compiler.ast.Ident::name).orElse(i == 0 ? "lr" : null);
            if (param == null) {
                diagnostics.report(
                        Code.E0106,
                        argument.span(),
                        "only the first argument (lr) may be unnamed",
                        "name the others: " + name + "(lr = 1e-3, beta2 = 0.999)");
                continue;
            }
            SettingSpec spec = schema.setting(param);
            if (spec == null) {
                String[] help = Suggestions.didYouMean(param, params);
                diagnostics.report(
                        Code.E0105,
                        argument.name().map(spd.compiler.ast.Ident::span).orElse(argument.span()),
                        name + " has no parameter '" + param + "'",
                        help.length > 0 ? help : new String[] {name + " takes " + String.join(", ", params)});
                continue;
            }
            if (seen.putIfAbsent(param, argument.span()) != null) {
                diagnostics.report(Code.E0106, argument.span(), "parameter '" + param + "' is given twice");
                continue;
            }
            settings.checkNumericExpr(argument.value(), param, spec.kind());
        }
        if (!seen.containsKey("lr")) {
            diagnostics.report(
                    Code.E0204, call.span(), name + " needs a learning rate", "write " + name + "(lr = 1e-3)");
        }
        return name;
    }

    private void checkPrune(Experiment experiment, List<MaskChecker.MaskFacts> masks, boolean hasEta) {
        List<PruneDecl> prunes = experiment.all(PruneDecl.class);
        for (PruneDecl prune : prunes) {
            new PruneChecker(diagnostics, exprs, constants).check(prune, masks, hasEta);
        }
    }

    // ---------------------------------------------------------------- how the parts fit

    private void checkTargets(Experiment experiment, Map<String, LayerDecl> layers) {
        Map<String, Span> regularized = new LinkedHashMap<>();
        boolean hasNetwork = !experiment.all(NetworkBlock.class).isEmpty();
        for (Statement statement : experiment.statements()) {
            List<LayerTarget> targets = switch (statement) {
                case MaskBlock mask -> mask.targets();
                case PenaltyDecl penalty -> penalty.targets();
                case PruneDecl prune -> prune.targets();
                default -> null;
            };
            if (targets == null) {
                continue;
            }
            boolean regularizer = !(statement instanceof PruneDecl);
            if (targets.isEmpty() && regularizer && hasNetwork) {
                layers.keySet().forEach(name -> claim(regularized, name, statement.span(), statement.span()));
            }
            for (LayerTarget target : targets) {
                checkTarget(target, layers, hasNetwork);
                if (regularizer && layers.containsKey(target.layer().name())) {
                    claim(regularized, target.layer().name(), target.layer().span(), statement.span());
                }
            }
        }
    }

    private void checkTarget(LayerTarget target, Map<String, LayerDecl> layers, boolean hasNetwork) {
        String name = target.layer().name();
        if (!layers.containsKey(name)) {
            String[] help = Suggestions.didYouMean(name, layers.keySet());
            if (help.length == 0) {
                help = new String[] {
                    hasNetwork
                            ? "the layers are " + String.join(", ", layers.keySet()) + " (unnamed layers are "
                                    + NetworkChecker.positionalNames(layers.values()) + " by position)"
                            : "this experiment declares no network"
                };
            }
            diagnostics.report(Code.E0306, target.layer().span(), "no layer named '" + name + "'", help);
        }
        for (Expr.Argument override : target.overrides()) {
            if (override.name().isEmpty()) {
                diagnostics.report(
                        Code.E0106,
                        override.span(),
                        "a per-layer value must name the constant it overrides",
                        "write " + name + "(lambda = 1e-4)");
                continue;
            }
            String constant = override.name().get().name();
            if (!constants.contains(constant)) {
                String[] help =
                        Suggestions.didYouMean(constant, constants.values().keySet());
                diagnostics.report(
                        Code.E0101,
                        override.name().get().span(),
                        "no constant '" + constant + "' to override",
                        help.length > 0
                                ? help
                                : new String[] {
                                    "a layer can override a 'let' constant, e.g. " + name + "(lambda = 1e-4)"
                                });
                continue;
            }
            settings.checkNumericExpr(override.value(), constant, ValueKind.NUMBER);
        }
    }

    private void claim(Map<String, Span> regularized, String layer, Span at, Span statement) {
        Span first = regularized.putIfAbsent(layer, statement);
        if (first != null && !first.equals(statement)) {
            diagnostics.report(
                    Code.E0307,
                    at,
                    "layer '" + layer + "' already has a mask or penalty (line " + first.line() + ")",
                    "give each layer one masking rule; list the layers with 'on fc1, fc2'");
        }
    }

    private void checkRequiredBlocks(Experiment experiment) {
        boolean data = !experiment.all(DataBlock.class).isEmpty();
        boolean network = !experiment.all(NetworkBlock.class).isEmpty();
        boolean train = !experiment.all(TrainBlock.class).isEmpty();
        Span at = experiment.name().span();
        if (network && !data) {
            diagnostics.report(
                    Code.E0205,
                    at,
                    "experiment '" + experiment.name().name() + "' has a network but no data",
                    "add 'data mnist { validation 0.2 }' or 'data linear { n 200, d 500, support 20 }'");
        }
        if (data && !network) {
            diagnostics.report(
                    Code.E0205,
                    at,
                    "experiment '" + experiment.name().name() + "' has data but no network",
                    "add a network { input ... loss ... } block");
        }
        if ((data || network) && !train) {
            diagnostics.report(
                    Code.E0205,
                    at,
                    "experiment '" + experiment.name().name() + "' has no train block",
                    "add: train adam(lr = 1e-3) { epochs 10, batch 128 }");
        }
        if (train && !(data && network)) {
            diagnostics.report(
                    Code.E0205,
                    experiment.all(TrainBlock.class).getFirst().span(),
                    "a train block needs data and a network to train");
        }
        boolean regularizes = experiment.statements().stream()
                .anyMatch(s -> s instanceof MaskBlock
                        || s instanceof PenaltyDecl
                        || s instanceof FunctionDef
                        || s instanceof RuleBinding);
        if (!network && !regularizes) {
            diagnostics.report(
                    Code.E0205,
                    at,
                    "experiment '" + experiment.name().name() + "' declares nothing to run or derive",
                    "declare a reweighting rule eta(w) = ..., a mask, a penalty, or a network with data and training");
        }
    }

    private <T extends Statement> void reportDuplicates(List<T> blocks, String what) {
        for (int i = 1; i < blocks.size(); i++) {
            diagnostics.report(
                    Code.E0206,
                    blocks.get(i).span(),
                    "a second '" + what + "' block",
                    "an experiment has one " + what + " block (the first is at line "
                            + blocks.getFirst().span().line() + ")");
        }
    }
}
