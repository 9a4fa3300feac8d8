package spd.compiler.lang;

import static spd.compiler.lang.SettingSpec.optional;
import static spd.compiler.lang.SettingSpec.optionalNoDefault;
import static spd.compiler.lang.SettingSpec.required;
import static spd.compiler.lang.SettingSpec.word;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The blocks of the language and what each accepts: the single source of truth for checks and the model. */
public final class Schemas {
    private Schemas() {}

    private static final SettingSpec EVERY =
            optional("every", ValueKind.POSITIVE_INTEGER, 1, "recompute the keep probabilities every N training steps");

    public static final Map<String, BlockSchema> DATA = ordered(
            Map.entry(
                    "mnist",
                    BlockSchema.of(
                            "MNIST digits",
                            List.of(
                                    optional(
                                            "validation",
                                            ValueKind.FRACTION,
                                            0.2,
                                            "fraction of the 60,000 training images held out"),
                                    optionalNoDefault(
                                            "dir",
                                            ValueKind.TEXT,
                                            "directory of the MNIST idx files, relative to the .spd file")))),
            Map.entry(
                    "linear",
                    BlockSchema.of(
                            "synthetic sparse linear regression",
                            List.of(
                                    required("n", ValueKind.POSITIVE_INTEGER, "number of samples"),
                                    required("d", ValueKind.POSITIVE_INTEGER, "number of features"),
                                    required(
                                            "support",
                                            ValueKind.POSITIVE_INTEGER,
                                            "number of nonzero true coefficients"),
                                    optional(
                                            "noise",
                                            ValueKind.NON_NEGATIVE,
                                            0.1,
                                            "standard deviation of the label noise"),
                                    optional("seed", ValueKind.INTEGER, 0, "seed of the generator")))),
            Map.entry(
                    "fashion_mnist",
                    BlockSchema.of(
                            "Zalando's Fashion-MNIST (idx files, fetched like MNIST)",
                            List.of(
                                    optional(
                                            "validation",
                                            ValueKind.FRACTION,
                                            0.2,
                                            "fraction of the 60,000 training images held out"),
                                    optionalNoDefault(
                                            "dir", ValueKind.TEXT, "directory of the Fashion-MNIST idx files")))),
            Map.entry(
                    "idx",
                    BlockSchema.of(
                            "images and labels in MNIST's idx layout (raw or gzip)",
                            List.of(
                                    optionalNoDefault(
                                            "dir",
                                            ValueKind.TEXT,
                                            "directory of the four files (train-images-idx3-ubyte[.gz], ...), relative to the .spd file"),
                                    optionalNoDefault(
                                            "train_images",
                                            ValueKind.TEXT,
                                            "the training images file (relative to dir)"),
                                    optionalNoDefault("train_labels", ValueKind.TEXT, "the training labels file"),
                                    optionalNoDefault("test_images", ValueKind.TEXT, "the test images file"),
                                    optionalNoDefault("test_labels", ValueKind.TEXT, "the test labels file"),
                                    optional(
                                            "validation",
                                            ValueKind.FRACTION,
                                            0.2,
                                            "fraction of the training images held out"),
                                    optionalNoDefault(
                                            "classes",
                                            ValueKind.POSITIVE_INTEGER,
                                            "number of classes (default: one more than the largest label)"),
                                    optionalNoDefault(
                                            "mean",
                                            ValueKind.NUMBER,
                                            "pixel mean on [0, 1] (default: the training images')"),
                                    optionalNoDefault(
                                            "std",
                                            ValueKind.POSITIVE,
                                            "pixel standard deviation (default: the training images')"),
                                    optional("seed", ValueKind.INTEGER, 42, "seed of the validation split")))),
            Map.entry(
                    "npz",
                    BlockSchema.of(
                            "NumPy arrays from .npz files",
                            List.of(
                                    optionalNoDefault(
                                            "features", ValueKind.TEXT, "name of the features array (default \"x\")"),
                                    optionalNoDefault(
                                            "labels", ValueKind.TEXT, "name of the labels array (default \"y\")"),
                                    optionalNoDefault(
                                            "test", ValueKind.TEXT, "the test .npz file (default: the same file)"),
                                    optionalNoDefault(
                                            "test_features",
                                            ValueKind.TEXT,
                                            "name of the test features array (default: features in another file, \"x_test\" in the same)"),
                                    optionalNoDefault(
                                            "test_labels",
                                            ValueKind.TEXT,
                                            "name of the test labels array (default: labels in another file, \"y_test\" in the same)"),
                                    optionalNoDefault(
                                            "classes",
                                            ValueKind.POSITIVE_INTEGER,
                                            "number of classes, labels 0 to classes - 1 (without it: regression)"),
                                    word(
                                            "standardize",
                                            false,
                                            List.of("false", "true"),
                                            "scale every feature to mean 0, std 1"),
                                    optional(
                                            "validation",
                                            ValueKind.FRACTION,
                                            0.2,
                                            "fraction of the training examples held out"),
                                    optional("seed", ValueKind.INTEGER, 42, "seed of the validation split")))),
            Map.entry(
                    "csv",
                    BlockSchema.of(
                            "a CSV table, one example per row",
                            List.of(
                                    required(
                                            "label",
                                            ValueKind.COLUMN,
                                            "the label column: its name in quotes, or its number from 1"),
                                    required("test", ValueKind.TEXT, "the test CSV file, with the same columns"),
                                    word(
                                            "header",
                                            false,
                                            List.of("true", "false"),
                                            "whether the first line names the columns"),
                                    optionalNoDefault(
                                            "delimiter",
                                            ValueKind.TEXT,
                                            "the cell separator (default \",\"; \"\\t\" for tabs)"),
                                    optionalNoDefault(
                                            "classes",
                                            ValueKind.POSITIVE_INTEGER,
                                            "number of classes, labels 0 to classes - 1 (without it: regression)"),
                                    word(
                                            "standardize",
                                            false,
                                            List.of("false", "true"),
                                            "scale every feature to mean 0, std 1"),
                                    optional(
                                            "validation",
                                            ValueKind.FRACTION,
                                            0.2,
                                            "fraction of the training rows held out"),
                                    optional("seed", ValueKind.INTEGER, 42, "seed of the validation split")))));

    public static final Map<String, BlockSchema> MASKS = ordered(
            Map.entry(
                    "bernoulli",
                    BlockSchema.mask(
                            "scaled Bernoulli DropConnect on the weights",
                            List.of(EVERY),
                            Set.of("keep"),
                            Set.of(),
                            List.of("keep"))),
            Map.entry(
                    "gaussian",
                    BlockSchema.mask(
                            "Gaussian multiplicative noise on the weights",
                            List.of(EVERY),
                            Set.of("variance"),
                            Set.of(),
                            List.of("variance"))),
            Map.entry(
                    "tikhonov",
                    BlockSchema.mask(
                            "adaptive Tikhonov: the expected-loss term of the mask, no noise",
                            List.of(optional(
                                    "min_keep", ValueKind.PROBABILITY, 1e-3, "lower clamp of the keep probability")),
                            Set.of("keep"),
                            Set.of(),
                            List.of("keep"))),
            Map.entry(
                    "prox",
                    BlockSchema.mask(
                            "adaptive proximal step W <- keep * W after each optimizer step",
                            List.of(word(
                                    "scale",
                                    false,
                                    List.of("sgd", "adam"),
                                    "step size of the prox: lr, or lr/sqrt(v) of Adam")),
                            Set.of("keep"),
                            Set.of(),
                            List.of("keep"))),
            Map.entry(
                    "eta_trick",
                    BlockSchema.mask(
                            "eta learned jointly with the weights (the eta-trick)",
                            List.of(
                                    optional("init", ValueKind.NUMBER, 5, "initial log(eta / lambda)"),
                                    optional(
                                            "decay",
                                            ValueKind.NON_NEGATIVE,
                                            0,
                                            "weight of the log(eta / lambda) prior")),
                            Set.of("dual"),
                            Set.of("f", "f'"),
                            List.of("dual", "f", "f'"))),
            Map.entry(
                    "variational",
                    BlockSchema.mask(
                            "variational dropout (Molchanov et al. 2017)",
                            List.of(
                                    word(
                                            "reparam",
                                            true,
                                            List.of("additive", "local", "none"),
                                            "parameterization of the noise"),
                                    optional(
                                            "threshold",
                                            ValueKind.NUMBER,
                                            Math.log(19),
                                            "prune where log alpha exceeds this")),
                            Set.of(),
                            Set.of(),
                            List.of())),
            Map.entry(
                    "hard_concrete",
                    BlockSchema.mask(
                            "hard-concrete L0 gates (Louizos et al. 2018)",
                            List.of(
                                    optional(
                                            "beta",
                                            ValueKind.POSITIVE,
                                            2.0 / 3.0,
                                            "temperature of the concrete distribution"),
                                    optional(
                                            "gamma",
                                            ValueKind.NEGATIVE,
                                            -0.1,
                                            "lower end of the stretch interval (< 0)"),
                                    optional(
                                            "zeta",
                                            ValueKind.ABOVE_ONE,
                                            1.1,
                                            "upper end of the stretch interval (> 1)"),
                                    optionalNoDefault(
                                            "init",
                                            ValueKind.OPEN_FRACTION,
                                            "initial probability that a gate is open (default: that of log a = 0, as Louizos et al.)")),
                            Set.of(),
                            Set.of(),
                            List.of())),
            Map.entry(
                    "magnitude",
                    BlockSchema.mask(
                            "gradual magnitude pruning (Zhu and Gupta 2017)",
                            List.of(
                                    required("target", ValueKind.FRACTION, "final fraction of weights pruned"),
                                    word(
                                            "schedule",
                                            false,
                                            List.of("cubic", "linear"),
                                            "how the pruned fraction grows"),
                                    optionalNoDefault(
                                            "epochs",
                                            ValueKind.INTEGER_RANGE,
                                            "the epochs over which pruning ramps up (default: 1 to the last epoch)"),
                                    optional(
                                            "every",
                                            ValueKind.POSITIVE_INTEGER,
                                            100,
                                            "training steps between pruning steps")),
                            Set.of(),
                            Set.of(),
                            List.of())));

    public static final BlockSchema TRAIN = BlockSchema.of(
            "training",
            List.of(
                    required("epochs", ValueKind.POSITIVE_INTEGER, "passes over the training set"),
                    optional("batch", ValueKind.POSITIVE_INTEGER, 128, "mini-batch size"),
                    word("schedule", false, List.of("constant", "linear_decay"), "learning-rate schedule"),
                    optional("seed", ValueKind.INTEGER, 0, "seed of every random stream of the run")));

    /** Optimizers and their parameters (all numbers; lr is required). */
    public static final Map<String, BlockSchema> OPTIMIZERS = ordered(
            Map.entry(
                    "adam",
                    BlockSchema.of(
                            "Adam",
                            List.of(
                                    required("lr", ValueKind.POSITIVE, "learning rate"),
                                    optional("beta1", ValueKind.FRACTION, 0.9, "first-moment decay"),
                                    optional("beta2", ValueKind.FRACTION, 0.999, "second-moment decay"),
                                    optional("eps", ValueKind.POSITIVE, 1e-8, "denominator guard")))),
            Map.entry(
                    "sgd",
                    BlockSchema.of(
                            "stochastic gradient descent",
                            List.of(required("lr", ValueKind.POSITIVE, "learning rate")))));

    public static final List<String> ACTIVATIONS = List.of("relu", "none");
    public static final List<String> LOSSES = List.of("cross_entropy", "squared");

    /** Quantities a prune rule may compare: keep probability, |w|, and variational dropout's log alpha. */
    public static final List<String> PRUNE_QUANTITIES = List.of("keep", "|w|", "log_alpha");

    /** Functions an experiment may define directly. */
    public static final List<String> EXPERIMENT_FUNCTIONS = List.of("eta");

    /** Functions a named rule may define. */
    public static final List<String> RULE_FUNCTIONS = List.of("eta", "omega", "f", "f'");

    @SafeVarargs
    private static <V> Map<String, V> ordered(Map.Entry<String, V>... entries) {
        Map<String, V> map = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
