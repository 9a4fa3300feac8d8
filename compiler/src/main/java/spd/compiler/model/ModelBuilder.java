package spd.compiler.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.Binding;
import spd.compiler.ast.DataBlock;
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
import spd.compiler.ast.Setting;
import spd.compiler.ast.SpdFile;
import spd.compiler.ast.TrainBlock;
import spd.compiler.check.DataSources;
import spd.compiler.check.LayerOptions;
import spd.compiler.check.Shape;
import spd.compiler.lang.Lowering;
import spd.compiler.lang.RuleTable;
import spd.compiler.lang.Schemas;

/** Builds the resolved model of each experiment from a file the checker accepted without errors. */
public final class ModelBuilder {
    private final SpdFile file;
    private final RuleTable rules;
    private final java.nio.file.Path baseDir;
    private Experiment.SourceInfo sourceInfo;

    private ModelBuilder(SpdFile file, RuleTable rules, java.nio.file.Path baseDir) {
        this.file = file;
        this.rules = rules;
        this.baseDir = baseDir;
    }

    /** The experiments of a checked file, in source order; data paths are relative to the working directory. */
    public static List<Experiment> build(SpdFile file, RuleTable rules) {
        return build(file, rules, java.nio.file.Path.of("").toAbsolutePath());
    }

    /** The experiments of a checked file, in source order; data paths are relative to {@code baseDir}. */
    public static List<Experiment> build(SpdFile file, RuleTable rules, java.nio.file.Path baseDir) {
        ModelBuilder builder = new ModelBuilder(file, rules, baseDir);
        return file.experiments().stream().map(builder::experiment).toList();
    }

    private Experiment experiment(spd.compiler.ast.Experiment ast) {
        Map<String, Constant> constants = constants(ast);
        RuleInstantiator instantiator = new RuleInstantiator(rules, constants);
        Optional<EtaRule> eta = eta(ast, instantiator);
        Optional<Network> network =
                ast.all(NetworkBlock.class).stream().findFirst().map(this::network);
        List<String> layerNames = network.map(Network::names).orElse(List.of());
        List<Regularizer> regularizers = new ArrayList<>();
        int trainingEpochs = ast.all(TrainBlock.class).stream()
                .findFirst()
                .map(t -> training(t, RuleInstantiator.valuesOf(constants)).epochs())
                .orElse(1);
        for (var statement : ast.statements()) {
            switch (statement) {
                case MaskBlock mask ->
                    regularizers.addAll(maskRegularizers(mask, constants, instantiator, trainingEpochs, layerNames));
                case PenaltyDecl penalty ->
                    regularizers.add(new Regularizer(
                            penalty(penalty, instantiator),
                            targets(penalty.targets(), layerNames),
                            SourceRef.of(penalty.span())));
                default -> {}
            }
        }
        Map<String, Double> values = RuleInstantiator.valuesOf(constants);
        return new Experiment(
                ast.name().name(),
                sourceInfo(),
                SourceRef.of(ast.name().span()),
                constants,
                ast.all(DataBlock.class).stream().findFirst().map(d -> data(d, values)),
                network,
                eta,
                regularizers,
                ast.all(TrainBlock.class).stream().findFirst().map(t -> training(t, values)),
                ast.all(PruneDecl.class).stream()
                        .map(p -> pruning(p, values, layerNames))
                        .toList());
    }

    /** The file's path, text and hash, computed once: every experiment of the file shares them. */
    private Experiment.SourceInfo sourceInfo() {
        if (sourceInfo == null) {
            String text = file.source().text();
            sourceInfo = new Experiment.SourceInfo(file.source().path(), text, sha256(text));
        }
        return sourceInfo;
    }

    private static Map<String, Constant> constants(spd.compiler.ast.Experiment ast) {
        Map<String, Constant> constants = new LinkedHashMap<>();
        // Values so far, kept alongside: rebuilding them for every let made this quadratic in the number of lets.
        Map<String, Double> values = new java.util.HashMap<>();
        for (LetDecl let : ast.all(LetDecl.class)) {
            spd.compiler.sym.Expr exact = Lowering.lower(let.value());
            double value = exact.evaluate(values);
            values.put(let.name().name(), value);
            constants.put(
                    let.name().name(),
                    new Constant(let.name().name(), exact, value, literal(let.value()), SourceRef.of(let.span())));
        }
        return constants;
    }

    // ---------------------------------------------------------------- eta rule

    private Optional<EtaRule> eta(spd.compiler.ast.Experiment ast, RuleInstantiator instantiator) {
        for (var statement : ast.statements()) {
            if (statement instanceof FunctionDef function
                    && function.name().name().equals("eta")) {
                var body = new Lowering(Map.of(function.param().name(), spd.compiler.sym.Expr.symbol("w")))
                        .apply(function.body());
                return Optional.of(new EtaRule(body, Optional.empty(), SourceRef.of(function.span())));
            }
            if (statement instanceof RuleBinding binding) {
                var instance = instantiator.instantiate(binding.rule(), binding.span());
                return Optional.of(new EtaRule(
                        instance.function("eta").orElseThrow(),
                        Optional.of(instance.ref()),
                        SourceRef.of(binding.span())));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- network and data

    private Network network(NetworkBlock block) {
        Shape shape = new Shape.Vector(0);
        Network.Loss loss = Network.Loss.CROSS_ENTROPY;
        List<Network.Layer> layers = new ArrayList<>();
        int convs = 0;
        int dense = 0;
        for (LayerDecl layer : block.layers()) {
            switch (layer) {
                case LayerDecl.Input input -> shape = inputShape(input);
                case LayerDecl.Dense d -> {
                    if (shape instanceof Shape.Image image) {
                        layers.add(new Network.Flatten(image, true, SourceRef.of(d.span())));
                    }
                    String name = d.name().map(i -> i.name()).orElse("fc" + ++dense);
                    layers.add(new Network.Dense(
                            name,
                            (int) shape.size(),
                            integer(d.size()),
                            activation(d.activation().map(a -> a.name()).orElse("none")),
                            !d.linear(),
                            SourceRef.of(d.span())));
                }
                case LayerDecl.Conv c -> {
                    LayerOptions options = LayerOptions.ofConv(c);
                    String name = c.name().map(i -> i.name()).orElse("conv" + ++convs);
                    layers.add(new Network.Conv(
                            name,
                            (Shape.Image) shape,
                            integer(c.filters()),
                            options.window(),
                            activation(options.activation()),
                            SourceRef.of(c.span())));
                }
                case LayerDecl.MaxPool pool ->
                    layers.add(new Network.MaxPool(
                            (Shape.Image) shape, LayerOptions.ofPool(pool).window(), SourceRef.of(pool.span())));
                case LayerDecl.Flatten flatten -> {
                    if (shape instanceof Shape.Image image) {
                        layers.add(new Network.Flatten(image, false, SourceRef.of(flatten.span())));
                    }
                }
                case LayerDecl.Loss l ->
                    loss = l.kind().name().equals("squared") ? Network.Loss.SQUARED : Network.Loss.CROSS_ENTROPY;
            }
            if (!layers.isEmpty()) {
                shape = layers.getLast().output();
            }
        }
        Shape input = block.layers().stream()
                .filter(l -> l instanceof LayerDecl.Input)
                .findFirst()
                .map(l -> (LayerDecl.Input) l)
                .map(ModelBuilder::inputShape)
                .orElseThrow();
        return new Network(input, layers, loss, SourceRef.of(block.span()));
    }

    private static Shape inputShape(LayerDecl.Input input) {
        List<Integer> dims = input.dims().stream().map(ModelBuilder::integer).toList();
        return input.isImage()
                ? new Shape.Image(dims.get(0), dims.get(1), dims.get(2))
                : new Shape.Vector(dims.getFirst());
    }

    private static Network.Activation activation(String name) {
        return name.equals("relu") ? Network.Activation.RELU : Network.Activation.NONE;
    }

    private DataSpec data(DataBlock block, Map<String, Double> values) {
        SettingsReader settings = new SettingsReader(
                block.settings(), Schemas.DATA.get(block.kind().name()), values);
        SourceRef at = SourceRef.of(block.span());
        if (DataSources.KINDS.contains(block.kind().name())) {
            Map<String, Double> numbers = new java.util.HashMap<>();
            for (Setting setting : block.settings()) {
                if (setting.value().orElseThrow() instanceof spd.compiler.ast.SettingValue.Value(Expr expr)
                        && !(expr instanceof Expr.Name)) {
                    numbers.put(
                            setting.key().name(), settings.number(setting.key().name()));
                }
            }
            return new DataSpec.Files(
                    DataSources.resolve(block, numbers, baseDir).spec(), at);
        }
        if (block.kind().name().equals("mnist")) {
            // A relative dir is relative to the .spd file, like imports and the other data blocks' files.
            return new DataSpec.Mnist(
                    settings.number("validation"),
                    settings.text("dir")
                            .map(dir -> baseDir.resolve(dir).normalize().toString()),
                    at);
        }
        return new DataSpec.Linear(
                settings.integer("n"),
                settings.integer("d"),
                settings.integer("support"),
                settings.number("noise"),
                (long) settings.number("seed"),
                at);
    }

    // ---------------------------------------------------------------- masks and penalties

    /**
     * A mask's regularizers: one for all its layers, unless a layer's constants change one of its numeric settings
     * ({@code target sparsity ... on conv1(sparsity = 0.34)}); then one per group of layers whose settings agree,
     * each read with its layers' constants. (Expressions such as {@code keep = ...} stay symbolic either way: code
     * generation gives each layer its constants.)
     */
    private List<Regularizer> maskRegularizers(
            MaskBlock mask,
            Map<String, Constant> constants,
            RuleInstantiator instantiator,
            int trainingEpochs,
            List<String> layerNames) {
        Strategy shared = mask(mask, constants, instantiator, trainingEpochs);
        List<Target> targets = targets(mask.targets(), layerNames);
        if (targets.stream().allMatch(target -> target.overrides().isEmpty())) {
            // Also a file without a network (derivation only), whose masks have no layers at all.
            return List.of(new Regularizer(shared, targets, SourceRef.of(mask.span())));
        }
        Map<Strategy, List<Target>> layersByStrategy = new LinkedHashMap<>();
        for (Target target : targets) {
            Strategy own = target.overrides().isEmpty()
                    ? shared
                    : mask(mask, withOverrides(constants, target), instantiator, trainingEpochs);
            layersByStrategy.computeIfAbsent(own, key -> new ArrayList<>()).add(target);
        }
        return layersByStrategy.entrySet().stream()
                .map(group -> new Regularizer(group.getKey(), group.getValue(), SourceRef.of(mask.span())))
                .toList();
    }

    /** The experiment's constants with a target layer's overrides, each evaluated with the experiment's values. */
    private static Map<String, Constant> withOverrides(Map<String, Constant> constants, Target target) {
        Map<String, Double> values = RuleInstantiator.valuesOf(constants);
        Map<String, Constant> layer = new LinkedHashMap<>(constants);
        target.overrides().forEach((name, value) -> {
            Constant declared = constants.get(name);
            if (declared != null) {
                layer.put(name, new Constant(name, value, value.evaluate(values), Optional.empty(), declared.at()));
            }
        });
        return layer;
    }

    private Strategy mask(
            MaskBlock mask, Map<String, Constant> constants, RuleInstantiator instantiator, int trainingEpochs) {
        List<Setting> settingItems = mask.items().stream()
                .filter(i -> i instanceof Setting)
                .map(i -> (Setting) i)
                .toList();
        SettingsReader settings = new SettingsReader(
                settingItems, Schemas.MASKS.get(mask.kind().name()), RuleInstantiator.valuesOf(constants));
        return switch (mask.kind().name()) {
            case "bernoulli" -> new Strategy.Bernoulli(binding(mask, "keep"), settings.integer("every"));
            case "gaussian" -> new Strategy.Gaussian(binding(mask, "variance"), settings.integer("every"));
            case "tikhonov" -> new Strategy.Tikhonov(binding(mask, "keep"), settings.number("min_keep"));
            case "prox" ->
                new Strategy.Prox(
                        binding(mask, "keep"),
                        settings.word("scale").equals("adam") ? Strategy.ProxScale.ADAM : Strategy.ProxScale.SGD);
            case "eta_trick" ->
                new Strategy.EtaTrick(dual(mask, instantiator), settings.number("init"), settings.number("decay"));
            case "variational" ->
                new Strategy.Variational(
                        Strategy.Reparam.valueOf(settings.word("reparam").toUpperCase()), settings.number("threshold"));
            case "hard_concrete" -> {
                double beta = settings.number("beta");
                double gamma = settings.number("gamma");
                double zeta = settings.number("zeta");
                // Louizos et al. start every gate at log a = 0: open with probability sigmoid(-beta log(-gamma/zeta)).
                double init = settings.has("init")
                        ? settings.number("init")
                        : 1 / (1 + Math.exp(beta * Math.log(-gamma / zeta)));
                yield new Strategy.HardConcrete(beta, gamma, zeta, init);
            }
            case "magnitude" -> {
                int[] epochs = settings.has("epochs") ? settings.range("epochs") : new int[] {1, trainingEpochs};
                yield new Strategy.Magnitude(
                        settings.number("target"),
                        Strategy.RampSchedule.valueOf(settings.word("schedule").toUpperCase()),
                        epochs[0],
                        epochs[1],
                        settings.integer("every"));
            }
            default ->
                throw new IllegalStateException(
                        "unchecked mask kind " + mask.kind().name());
        };
    }

    private static spd.compiler.sym.Expr binding(MaskBlock mask, String name) {
        Binding binding = mask.items().stream()
                .filter(i -> i instanceof Binding b && b.name().name().equals(name))
                .map(i -> (Binding) i)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unchecked mask without " + name));
        return Lowering.lower(binding.value());
    }

    private static Strategy.Dual dual(MaskBlock mask, RuleInstantiator instantiator) {
        Optional<spd.compiler.sym.Expr> f = Optional.empty();
        Optional<spd.compiler.sym.Expr> derivative = Optional.empty();
        Optional<spd.compiler.sym.Expr> eta = Optional.empty();
        Optional<RuleRef> rule = Optional.empty();
        for (var item : mask.items()) {
            if (item instanceof FunctionDef function) {
                var body = new Lowering(Map.of(function.param().name(), spd.compiler.sym.Expr.symbol("eta")))
                        .apply(function.body());
                if (function.prime()) {
                    derivative = Optional.of(body);
                } else {
                    f = Optional.of(body);
                }
            } else if (item instanceof Binding binding && binding.name().name().equals("dual")) {
                var instance = instantiator.instantiate((Expr.Call) binding.value(), binding.span());
                f = instance.function("f");
                derivative = instance.function("f'");
                eta = instance.function("eta");
                rule = Optional.of(instance.ref());
            }
        }
        return new Strategy.Dual(f, derivative, eta, rule);
    }

    private static Strategy penalty(PenaltyDecl penalty, RuleInstantiator instantiator) {
        spd.compiler.sym.Expr weight =
                penalty.weight().map(Lowering::lower).orElse(spd.compiler.sym.Expr.symbol("lambda"));
        if (penalty.definition().isPresent()) {
            FunctionDef definition = penalty.definition().get();
            var omega = new Lowering(Map.of(definition.param().name(), spd.compiler.sym.Expr.symbol("w")))
                    .apply(definition.body());
            return new Strategy.Penalty(Optional.of(omega), Optional.empty(), weight, Optional.empty());
        }
        var instance = instantiator.instantiate(penalty.rule().orElseThrow(), penalty.span());
        return new Strategy.Penalty(
                instance.function("omega"), instance.function("eta"), weight, Optional.of(instance.ref()));
    }

    private static List<Target> targets(List<LayerTarget> targets, List<String> layerNames) {
        if (targets.isEmpty()) {
            return layerNames.stream().map(name -> new Target(name, Map.of())).toList();
        }
        return targets.stream()
                .map(t -> {
                    Map<String, spd.compiler.sym.Expr> overrides = new LinkedHashMap<>();
                    t.overrides()
                            .forEach(a -> overrides.put(a.name().orElseThrow().name(), Lowering.lower(a.value())));
                    return new Target(t.layer().name(), overrides);
                })
                .toList();
    }

    // ---------------------------------------------------------------- training and pruning

    private static Training training(TrainBlock block, Map<String, Double> values) {
        SettingsReader settings = new SettingsReader(block.settings(), Schemas.TRAIN, values);
        String kind = block.optimizer().map(c -> c.function().name()).orElse("adam");
        Map<String, Double> parameters = new LinkedHashMap<>();
        Schemas.OPTIMIZERS.get(kind).settings().values().forEach(spec -> {
            if (spec.defaultValue() != null) {
                parameters.put(spec.key(), spec.defaultValue());
            }
        });
        parameters.putIfAbsent("lr", 1e-3);
        block.optimizer().ifPresent(call -> {
            for (int i = 0; i < call.arguments().size(); i++) {
                Expr.Argument argument = call.arguments().get(i);
                String name = argument.name().map(n -> n.name()).orElse("lr");
                parameters.put(name, Lowering.lower(argument.value()).evaluate(values));
            }
        });
        Training.Optimizer optimizer = new Training.Optimizer(
                Training.Optimizer.Kind.valueOf(kind.toUpperCase()), parameters.get("lr"), parameters);
        Training.LrSchedule schedule = settings.word("schedule").equals("linear_decay")
                ? Training.LrSchedule.LINEAR_DECAY
                : Training.LrSchedule.CONSTANT;
        return new Training(
                optimizer,
                settings.integer("epochs"),
                settings.integer("batch"),
                schedule,
                (long) settings.number("seed"),
                SourceRef.of(block.span()));
    }

    private static Pruning pruning(PruneDecl prune, Map<String, Double> values, List<String> layerNames) {
        Expr left = prune.condition().left();
        Pruning.Quantity quantity = left instanceof Expr.Abs
                ? Pruning.Quantity.ABS_W
                : ((Expr.Name) left).name().equals("keep") ? Pruning.Quantity.KEEP : Pruning.Quantity.LOG_ALPHA;
        double threshold = Lowering.lower(prune.condition().right()).evaluate(values);
        List<String> layers = prune.targets().isEmpty()
                ? layerNames
                : prune.targets().stream().map(t -> t.layer().name()).toList();
        return new Pruning(quantity, threshold, layers, SourceRef.of(prune.span()));
    }

    /** The text of a plain number literal (kept in generated code as written), else empty. */
    static Optional<String> literal(Expr value) {
        return value instanceof Expr.Num num ? Optional.of(num.text()) : Optional.empty();
    }

    private static int integer(Expr.Num size) {
        return new java.math.BigDecimal(size.text()).intValueExact();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
