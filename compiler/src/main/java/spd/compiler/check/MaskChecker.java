package spd.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import spd.compiler.ast.Binding;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.MaskBlock;
import spd.compiler.ast.MaskItem;
import spd.compiler.ast.Setting;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Functions;
import spd.compiler.lang.RuleTable;
import spd.compiler.lang.Schemas;
import spd.compiler.lang.ValueKind;
import spd.compiler.source.Span;

/** Checks one {@code mask} block against the schema of its kind. */
final class MaskChecker {
    private final Diagnostics diagnostics;
    private final ExprChecker exprs;
    private final SettingsChecker settings;
    private final RuleCallChecker ruleCalls;
    private final Constants constants;
    /** The experiment's eta rule in terms of w, when it has a valid one. */
    private final java.util.Optional<spd.compiler.sym.Expr> etaOfW;

    MaskChecker(
            Diagnostics diagnostics,
            ExprChecker exprs,
            SettingsChecker settings,
            RuleCallChecker ruleCalls,
            Constants constants,
            java.util.Optional<spd.compiler.sym.Expr> etaOfW) {
        this.diagnostics = diagnostics;
        this.exprs = exprs;
        this.settings = settings;
        this.ruleCalls = ruleCalls;
        this.constants = constants;
        this.etaOfW = etaOfW;
    }

    /**
     * What the rest of the checks need to know about a mask.
     *
     * @param dualDefined whether it gives a dual (f, f' or a dual rule)
     * @param dualValueDefined whether that dual includes f itself (not only f')
     */
    record MaskFacts(
            String kind,
            boolean usesEta,
            Map<String, Double> settingValues,
            boolean dualDefined,
            boolean dualValueDefined) {}

    MaskFacts check(MaskBlock mask) {
        String kind = mask.kind().name();
        BlockSchema schema = Schemas.MASKS.get(kind);
        if (schema == null) {
            diagnostics.report(
                    Code.E0201,
                    mask.kind().span(),
                    "unknown mask kind '" + kind + "'",
                    NetworkChecker.oneOf(kind, List.copyOf(Schemas.MASKS.keySet()), "mask kinds"));
            return new MaskFacts(kind, false, Map.of(), false, false);
        }
        String blockName = "mask " + kind;
        List<Setting> settingItems = new ArrayList<>();
        Set<String> given = new LinkedHashSet<>();
        Map<String, Span> firstSeen = new HashMap<>();
        boolean usesEta = false;
        for (MaskItem item : mask.items()) {
            switch (item) {
                case Setting setting -> settingItems.add(setting);
                case Binding binding -> {
                    if (unique(binding.name().name(), binding.name().span(), firstSeen, blockName)) {
                        given.add(binding.name().name());
                        usesEta |= checkBinding(binding, kind, schema, blockName);
                    }
                }
                case FunctionDef function -> {
                    if (unique(function.displayName(), function.name().span(), firstSeen, blockName)) {
                        given.add(function.displayName());
                        checkFunction(function, schema, blockName);
                    }
                }
            }
        }
        Map<String, Double> values = settings.check(settingItems, schema, blockName, mask.span());
        settings.checkPerLayer(settingItems, schema, mask.targets(), blockName);
        if (!schema.requiredOneOf().isEmpty() && schema.requiredOneOf().stream().noneMatch(given::contains)) {
            diagnostics.report(
                    Code.E0204, mask.span(), blockName + " needs " + describeRequired(schema), example(kind));
        }
        checkRanges(kind, values, mask);
        boolean dualDefined = given.contains("f")
                || given.contains("f'")
                || dualRuleDefines(mask, "f")
                || dualRuleDefines(mask, "f'");
        boolean dualValueDefined = given.contains("f") || dualRuleDefines(mask, "f");
        return new MaskFacts(kind, usesEta, values, dualDefined, dualValueDefined);
    }

    /** Whether the mask's {@code dual = rule(...)} names a known rule that defines {@code function}. */
    private boolean dualRuleDefines(MaskBlock mask, String function) {
        return mask.items().stream()
                .filter(i -> i instanceof Binding b && b.name().name().equals("dual"))
                .map(i -> ((Binding) i).value())
                .filter(v -> v instanceof Expr.Call)
                .map(v -> ((Expr.Call) v).function().name())
                .map(ruleCalls::find)
                .flatMap(Optional::stream)
                .anyMatch(rule -> RuleTable.function(rule, function).isPresent());
    }

    private boolean unique(String name, Span span, Map<String, Span> firstSeen, String blockName) {
        Span first = firstSeen.putIfAbsent(name, span);
        if (first != null) {
            diagnostics.report(
                    Code.E0102,
                    span,
                    "'" + name + "' is given twice in " + blockName,
                    "first given at line " + first.line());
            return false;
        }
        return true;
    }

    /** Checks {@code keep = ...}, {@code variance = ...} or {@code dual = rule(...)}; true when it uses eta. */
    private boolean checkBinding(Binding binding, String kind, BlockSchema schema, String blockName) {
        String name = binding.name().name();
        if (!schema.bindings().contains(name)) {
            List<String> candidates = new ArrayList<>(schema.bindings());
            candidates.addAll(schema.settings().keySet());
            String[] help = Suggestions.didYouMean(name, candidates);
            diagnostics.report(
                    Code.E0202,
                    binding.name().span(),
                    blockName + " has no '" + name + " = ...'",
                    help.length > 0 ? help : new String[] {example(kind)});
            return false;
        }
        if (name.equals("dual")) {
            checkDual(binding);
            return false;
        }
        Set<String> variables = kind.equals("prox") ? Set.of("w", "eta", "lr") : Set.of("w", "eta");
        long before = diagnostics.errorCount();
        Set<String> used = exprs.check(binding.value(), constants.scope(variables, "the " + name + " expression"));
        if (diagnostics.errorCount() == before && used.isEmpty()) {
            checkConstant(binding, name);
        } else if (diagnostics.errorCount() == before && !used.contains("lr")) {
            checkRange(binding, name, used.contains("eta"));
            if (kind.equals("prox") && used.contains("eta")) {
                // The prox of step*(lambda/2)*w^2/eta is eta/(eta + step*lambda) (theory.md 4.2): without lr the
                // shrinkage per step ignores the step size, as if every step were of size 1.
                diagnostics.report(
                        Code.W0413,
                        binding.value().span(),
                        "the prox keep does not use the step size lr",
                        "the prox of a step of size lr is keep = eta / (eta + lr * lambda) (theory.md 4.2)");
            }
        }
        return used.contains("eta");
    }

    /**
     * keep in [0, 1], variance >= 0, for every weight, as far as the checker can tell (a step size lr in a prox keep
     * is only known at run time, where the runtime checks the values instead).
     */
    private void checkRange(Binding binding, String name, boolean usesEta) {
        if (usesEta && etaOfW.isEmpty()) {
            return;
        }
        java.util.Map<String, spd.compiler.sym.Expr> bindings =
                usesEta ? java.util.Map.of("eta", etaOfW.get()) : java.util.Map.of();
        boolean keep = name.equals("keep");
        ValueRanges.lower(binding.value(), bindings)
                .flatMap(e -> ValueRanges.outside(e, constants.values(), 0, keep ? 1 : Double.POSITIVE_INFINITY))
                .ifPresent(witness -> {
                    String at = " at w = " + ValueRanges.format(witness.w()) + ": " + name + " = "
                            + ValueRanges.format(witness.value());
                    if (keep) {
                        diagnostics.report(
                                Code.E0401,
                                binding.value().span(),
                                "the keep probability is outside [0, 1]" + at,
                                "a keep probability lies between 0 and 1 for every weight, e.g. keep = eta / (eta + lambda)");
                    } else {
                        diagnostics.report(
                                Code.E0405,
                                binding.value().span(),
                                "the mask variance is " + (Double.isNaN(witness.value()) ? "not a number" : "negative")
                                        + at,
                                "a variance is >= 0 for every weight, e.g. variance = lambda / eta");
                    }
                });
    }

    private void checkConstant(Binding binding, String name) {
        OptionalDouble value = ConstantEvaluator.evaluateAllowingInfinity(binding.value(), constants.values());
        if (value.isEmpty()) {
            return;
        }
        double v = value.getAsDouble();
        if (name.equals("keep") && !(v > 0 && v <= 1)) {
            diagnostics.report(
                    Code.E0401,
                    binding.value().span(),
                    "keep probability " + SettingsChecker.format(v) + " is outside (0, 1]",
                    "a weight is kept with probability keep; 1 keeps every weight, 0.5 half of them");
        } else if (name.equals("variance") && !(v >= 0)) {
            diagnostics.report(
                    Code.E0405,
                    binding.value().span(),
                    "mask variance " + SettingsChecker.format(v) + " is negative",
                    "a variance is >= 0");
        }
    }

    private void checkDual(Binding binding) {
        if (!(binding.value() instanceof Expr.Call call)) {
            diagnostics.report(
                    Code.E0203,
                    binding.value().span(),
                    "'dual' must name a rule, such as dual = logsum(eps: 2)",
                    "or define the dual directly: f(eta) = ...");
            return;
        }
        ruleCalls.check(call, constants.scope(Set.of(), "a rule argument")).ifPresent(use -> {
            boolean hasDual = RuleTable.function(use.rule(), "f").isPresent()
                    || RuleTable.function(use.rule(), "f'").isPresent();
            if (!hasDual) {
                diagnostics.report(
                        Code.E0404,
                        call.span(),
                        "rule '" + use.rule().name().name() + "' defines no dual f(eta)",
                        "the eta-trick learns eta with the cost f(eta); use a rule that defines f, or write f(eta) = ...");
            }
            checkGateParameters(use);
        });
    }

    /** The gate parameters of hard_concrete_dual(eta, beta, gamma, zeta) and the ranges that make gates. */
    private static final List<String> GATE_PARAMETERS = List.of("beta", "gamma", "zeta");

    private static final List<ValueKind> GATE_RANGES =
            List.of(ValueKind.POSITIVE, ValueKind.NEGATIVE, ValueKind.ABOVE_ONE);

    /**
     * A dual f(eta) = hard_concrete_dual(eta, beta, gamma, zeta) needs gates that exist: beta > 0, gamma < 0 and
     * zeta > 1, as the hard_concrete mask's settings require by their kinds. Checked here, at the argument the user
     * wrote, rather than left to the derivation (which would fail with E0702).
     */
    private void checkGateParameters(RuleCallChecker.RuleUse use) {
        Optional<Expr> body = RuleTable.function(use.rule(), "f").map(FunctionDef::body);
        if (!(body.orElse(null) instanceof Expr.Call gates)
                || !gates.function().name().equals(Functions.HARD_CONCRETE_DUAL.spdName())
                || gates.arguments().size() != 1 + GATE_PARAMETERS.size()) {
            return;
        }
        for (int i = 0; i < GATE_PARAMETERS.size(); i++) {
            Expr written = gates.arguments().get(i + 1).value();
            if (written instanceof Expr.Name parameter && use.arguments().containsKey(parameter.name())) {
                written = use.arguments().get(parameter.name());
            }
            String name = GATE_PARAMETERS.get(i);
            ValueKind kind = GATE_RANGES.get(i);
            Expr at = written;
            ConstantEvaluator.evaluate(written, constants.values()).ifPresent(v -> {
                boolean inRange = switch (kind) {
                    case POSITIVE -> v > 0;
                    case NEGATIVE -> v < 0;
                    default -> v > 1;
                };
                if (!inRange) {
                    diagnostics.report(
                            Code.E0203,
                            at.span(),
                            "hard-concrete '" + name + "' must be " + kind.description() + ", not "
                                    + SettingsChecker.format(v),
                            "the gates need beta > 0, gamma < 0 and zeta > 1; "
                                    + "Louizos et al. use hard_concrete(beta: 2/3, gamma: -0.1, zeta: 1.1)");
                }
            });
        }
    }

    private void checkFunction(FunctionDef function, BlockSchema schema, String blockName) {
        String name = function.displayName();
        function.label()
                .filter(label -> !label.name().equals("dual"))
                .ifPresent(label -> diagnostics.report(
                        Code.E0207,
                        label.span(),
                        "unknown label '" + label.name() + "'",
                        "the only label is 'dual': dual f(eta) = ..."));
        if (!schema.functions().contains(name)) {
            diagnostics.report(
                    Code.E0207,
                    function.name().span(),
                    blockName + " does not take '" + name + "(...) = ...'",
                    schema.functions().isEmpty()
                            ? blockName + " takes no functions"
                            : blockName + " takes "
                                    + String.join(
                                            " or ",
                                            schema.functions().stream().sorted().toList()));
            return;
        }
        String param = function.param().name();
        Set<String> used = exprs.check(function.body(), constants.scope(Set.of(param), "the body of " + name));
        if (!used.contains(param)) {
            diagnostics.report(Code.W0402, function.body().span(), name + " does not depend on " + param);
        }
    }

    private void checkRanges(String kind, Map<String, Double> values, MaskBlock mask) {
        // gamma < 0 and zeta > 1 of hard_concrete are their settings' kinds; lambda is a constant, maybe per layer.
        switch (kind) {
            case "eta_trick" -> checkLambda(mask, false, "the eta-trick learns eta = lambda * exp(theta)");
            case "hard_concrete" -> {
                checkLambda(mask, true, "hard-concrete gates add lambda * P(gate open) to the loss");
                checkInitialGates(values, mask);
            }
            case "variational" ->
                checkLambda(mask, false, "variational dropout's penalty is its KL term weighted by lambda");
            default -> {}
        }
    }

    /**
     * Without {@code init}, gates start at log a = 0, open with probability sigmoid(-beta log(-gamma/zeta)); a large beta
     * rounds that to exactly 1 (or 0), where no gate can learn and the run would refuse to start.
     */
    private void checkInitialGates(Map<String, Double> values, MaskBlock mask) {
        if (values.containsKey("init")) {
            return;
        }
        double beta = values.getOrDefault("beta", 2.0 / 3.0);
        double gamma = values.getOrDefault("gamma", -0.1);
        double zeta = values.getOrDefault("zeta", 1.1);
        double open = 1 / (1 + Math.exp(beta * Math.log(-gamma / zeta)));
        if (beta > 0 && gamma < 0 && zeta > 1 && !(open > 0 && open < 1)) {
            diagnostics.report(
                    Code.E0203,
                    mask.span(),
                    "with beta " + SettingsChecker.format(beta) + " every gate starts" + " open with probability "
                            + SettingsChecker.format(open) + " (rounded), so none could learn",
                    "choose a smaller beta (Louizos et al. use 2/3), or give the initial probability: init 0.5");
        }
    }

    /** lambda (the constant, and each layer's own) must be positive, or at least not negative. */
    private void checkLambda(MaskBlock mask, boolean zeroAllowed, String why) {
        Double lambda = constants.values().get("lambda");
        if (lambda != null && !(zeroAllowed ? lambda >= 0 : lambda > 0)) {
            Span at = constants.contains("lambda")
                    ? constants.declaration("lambda").value().span()
                    : mask.span();
            diagnostics.report(
                    Code.E0203,
                    at,
                    "mask " + mask.kind().name() + " needs lambda " + (zeroAllowed ? ">= 0" : "> 0") + ", not "
                            + SettingsChecker.format(lambda),
                    why);
        }
        for (spd.compiler.ast.LayerTarget target : mask.targets()) {
            for (Expr.Argument override : target.overrides()) {
                if (override.name().map(n -> n.name().equals("lambda")).orElse(false)) {
                    ConstantEvaluator.evaluate(override.value(), constants.values())
                            .ifPresent(v -> {
                                if (!(zeroAllowed ? v >= 0 : v > 0)) {
                                    diagnostics.report(
                                            Code.E0203,
                                            override.value().span(),
                                            "mask " + mask.kind().name() + " needs lambda "
                                                    + (zeroAllowed ? ">= 0" : "> 0") + ", not "
                                                    + SettingsChecker.format(v),
                                            why);
                                }
                            });
                }
            }
        }
    }

    private static String describeRequired(BlockSchema schema) {
        List<String> forms = schema.requiredOneOf().stream()
                .map(n -> schema.functions().contains(n) ? n + "(eta) = ..." : n + " = ...")
                .toList();
        return forms.size() == 1 ? "'" + forms.getFirst() + "'" : "one of " + String.join(", ", forms);
    }

    static String example(String kind) {
        return switch (kind) {
            case "bernoulli", "tikhonov" -> "for example: mask " + kind + " { keep = eta / (eta + lambda) }";
            case "prox" -> "for example: mask prox { keep = eta / (eta + lr * lambda), scale adam }";
            case "gaussian" -> "for example: mask gaussian { variance = lambda / eta }";
            case "eta_trick" -> "for example: mask eta_trick { dual = logsum(eps: 2), init 5, decay 1e-3 }";
            default -> "see the language reference in docs/language.md";
        };
    }
}
