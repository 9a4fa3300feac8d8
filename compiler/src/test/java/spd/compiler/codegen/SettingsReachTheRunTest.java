package spd.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Schemas;
import spd.compiler.source.SourceFile;
import spd.runtime.Experiment;
import spd.runtime.data.DataSpec;
import spd.runtime.optim.OptimizerSpec;
import spd.runtime.optim.Schedule;
import spd.runtime.reg.AdaptiveProx;
import spd.runtime.reg.AdaptiveTikhonov;
import spd.runtime.reg.BernoulliDropConnect;
import spd.runtime.reg.EtaTrick;
import spd.runtime.reg.GaussianMask;
import spd.runtime.reg.HardConcrete;
import spd.runtime.reg.MagnitudePruning;
import spd.runtime.reg.ProxScale;
import spd.runtime.reg.VariationalDropout;

/**
 * Every setting the language accepts reaches the run: for each setting of each block schema, a file that gives it a
 * value other than its default generates a class whose runtime experiment holds that value. A setting added to a
 * schema without a case here fails {@link #everySettingOfEverySchemaHasACase}.
 */
class SettingsReachTheRunTest {
    private static final String MNIST_NETWORK = "network { input 784 dense 10 loss cross_entropy }";
    private static final String LINEAR_NETWORK = "network { input 5 linear 1 loss squared }";

    /** One setting: the statements that set it, and where the runtime experiment holds it. */
    record Case(String setting, String data, String statements, Function<Experiment, Object> actual, Object expected) {
        @Override
        public String toString() {
            return setting;
        }
    }

    private static Case data(String setting, String data, Function<Experiment, Object> actual, Object expected) {
        String network = data.startsWith("mnist") || data.startsWith("fashion_mnist") ? MNIST_NETWORK : LINEAR_NETWORK;
        return new Case(setting, data, network + "\n train sgd(lr = 0.1) { epochs 1 }", actual, expected);
    }

    private static Case idx(String setting, String settings, Function<Experiment, Object> actual, Object expected) {
        String dir = settings.startsWith("dir") ? "" : "dir \"idxdir\", ";
        return new Case(
                "data idx " + setting,
                "idx { " + dir + settings + " }",
                "network { input 4 dense " + (settings.contains("classes 5") ? 5 : 3) + " loss cross_entropy }\n"
                        + " train sgd(lr = 0.1) { epochs 1 }",
                actual,
                expected);
    }

    private static Case npz(String setting, String settings, Function<Experiment, Object> actual, Object expected) {
        String classes = settings.contains("classes") ? "" : ", classes 4";
        return new Case(
                "data npz " + setting,
                "npz \"blobs.npz\" { " + settings + classes + " }",
                "network { input 20 dense 4 loss cross_entropy }\n train sgd(lr = 0.1) { epochs 1 }",
                actual,
                expected);
    }

    private static Case csv(String setting, String data, Function<Experiment, Object> actual, Object expected) {
        return new Case(
                "data csv " + setting,
                "csv " + data,
                "network { input 2 dense 2 loss cross_entropy }\n train sgd(lr = 0.1) { epochs 1 }",
                actual,
                expected);
    }

    private static DataSpec.Idx idx(Experiment e) {
        return (DataSpec.Idx) e.data();
    }

    private static DataSpec.Npz npz(Experiment e) {
        return (DataSpec.Npz) e.data();
    }

    private static DataSpec.Csv csv(Experiment e) {
        return (DataSpec.Csv) e.data();
    }

    private static Case mask(String setting, String mask, Function<Experiment, Object> actual, Object expected) {
        return new Case(
                setting,
                "linear { n 20, d 5, support 2 }",
                LINEAR_NETWORK + "\n let lambda = 0.5\n eta(w) = |w|\n " + mask
                        + "\n train adam(lr = 0.1) { epochs 9 }",
                actual,
                expected);
    }

    private static Case train(String setting, String train, Function<Experiment, Object> actual, Object expected) {
        return new Case(setting, "linear { n 20, d 5, support 2 }", LINEAR_NETWORK + "\n " + train, actual, expected);
    }

    private static <T> T regularizer(Experiment e, Class<T> type) {
        return type.cast(e.regularizer("fc1"));
    }

    static Stream<Case> cases() {
        return Stream.of(
                data(
                        "data mnist validation",
                        "mnist { validation 0.25 }",
                        e -> ((DataSpec.Mnist) e.data()).validationFraction(),
                        0.25),
                data(
                        "data mnist dir",
                        "mnist { dir \"my/mnist files\" }",
                        e -> ((DataSpec.Mnist) e.data()).directory().map(d -> d.endsWith("my/mnist files")),
                        Optional.of(true)),
                data(
                        "data fashion_mnist validation",
                        "fashion_mnist { validation 0.25 }",
                        e -> ((DataSpec.FashionMnist) e.data()).validationFraction(),
                        0.25),
                data(
                        "data fashion_mnist dir",
                        "fashion_mnist { dir \"fm\" }",
                        e -> ((DataSpec.FashionMnist) e.data()).directory().map(d -> d.endsWith("fm")),
                        Optional.of(true)),
                idx(
                        "dir",
                        "dir \"idxdir\"",
                        e -> idx(e).files().trainImages().getParent().endsWith("idxdir"),
                        true),
                idx(
                        "train_images",
                        "train_images \"other-images\"",
                        e -> idx(e).files().trainImages().endsWith("other-images"),
                        true),
                idx(
                        "train_labels",
                        "train_labels \"other-labels\"",
                        e -> idx(e).files().trainLabels().endsWith("other-labels"),
                        true),
                idx(
                        "test_images",
                        "test_images \"other-images\"",
                        e -> idx(e).files().testImages().endsWith("other-images"),
                        true),
                idx(
                        "test_labels",
                        "test_labels \"other-labels\"",
                        e -> idx(e).files().testLabels().endsWith("other-labels"),
                        true),
                idx("validation", "validation 0.25", e -> idx(e).validationFraction(), 0.25),
                idx("classes", "classes 5", e -> idx(e).classes(), 5),
                idx(
                        "mean",
                        "mean 0.5, std 0.25",
                        e -> idx(e).normalization().orElseThrow().mean(),
                        0.5),
                idx(
                        "std",
                        "mean 0.5, std 0.25",
                        e -> idx(e).normalization().orElseThrow().std(),
                        0.25),
                idx("seed", "seed 7", e -> idx(e).splitSeed(), 7L),
                npz(
                        "features",
                        "features \"x_test\", labels \"y_test\"",
                        e -> npz(e).train().features(),
                        "x_test"),
                npz(
                        "labels",
                        "features \"x_test\", labels \"y_test\"",
                        e -> npz(e).train().labels(),
                        "y_test"),
                npz(
                        "test",
                        "test \"copy.npz\", test_features \"x\", test_labels \"y\"",
                        e -> npz(e).test().file().endsWith("copy.npz"),
                        true),
                npz(
                        "test_features",
                        "test_features \"x\", test_labels \"y\"",
                        e -> npz(e).test().features(),
                        "x"),
                npz(
                        "test_labels",
                        "test_features \"x\", test_labels \"y\"",
                        e -> npz(e).test().labels(),
                        "y"),
                npz("classes", "classes 4", e -> npz(e).options().classes(), 4),
                npz("standardize", "standardize true", e -> npz(e).options().standardize(), true),
                npz("validation", "validation 0.3", e -> npz(e).options().validationFraction(), 0.3),
                npz("seed", "seed 7", e -> npz(e).options().splitSeed(), 7L),
                csv(
                        "label",
                        "\"t.csv\" { label 3, test \"t.csv\", classes 2 }",
                        e -> csv(e).format().label(),
                        new spd.runtime.data.CsvData.Column.Numbered(3)),
                csv(
                        "test",
                        "\"t.csv\" { label \"y\", test \"t_test.csv\", classes 2 }",
                        e -> csv(e).test().endsWith("t_test.csv"),
                        true),
                csv(
                        "header",
                        "\"t_bare.csv\" { label 3, test \"t_bare.csv\", header false, classes 2 }",
                        e -> csv(e).format().header(),
                        false),
                csv(
                        "delimiter",
                        "\"t_semicolon.csv\" { label \"y\", test \"t_semicolon.csv\", delimiter \";\", classes 2 }",
                        e -> csv(e).format().delimiter(),
                        ';'),
                csv(
                        "classes",
                        "\"t.csv\" { label \"y\", test \"t.csv\", classes 2 }",
                        e -> csv(e).options().classes(),
                        2),
                csv(
                        "standardize",
                        "\"t.csv\" { label \"y\", test \"t.csv\", classes 2, standardize true }",
                        e -> csv(e).options().standardize(),
                        true),
                csv(
                        "validation",
                        "\"t.csv\" { label \"y\", test \"t.csv\", classes 2, validation 0.3 }",
                        e -> csv(e).options().validationFraction(),
                        0.3),
                csv(
                        "seed",
                        "\"t.csv\" { label \"y\", test \"t.csv\", classes 2, seed 7 }",
                        e -> csv(e).options().splitSeed(),
                        7L),
                data("data linear n", "linear { n 21, d 5, support 2 }", e -> ((DataSpec.Linear) e.data()).n(), 21),
                data("data linear d", "linear { n 20, d 5, support 2 }", e -> ((DataSpec.Linear) e.data()).d(), 5),
                data(
                        "data linear support",
                        "linear { n 20, d 5, support 3 }",
                        e -> ((DataSpec.Linear) e.data()).support(),
                        3),
                data(
                        "data linear noise",
                        "linear { n 20, d 5, support 2, noise 0.3 }",
                        e -> ((DataSpec.Linear) e.data()).noise(),
                        0.3),
                data(
                        "data linear seed",
                        "linear { n 20, d 5, support 2, seed 7 }",
                        e -> ((DataSpec.Linear) e.data()).seed(),
                        7L),
                mask(
                        "mask bernoulli every",
                        "mask bernoulli { keep = eta / (eta + lambda), every 3 }",
                        e -> regularizer(e, BernoulliDropConnect.class).refreshEvery(),
                        3),
                mask(
                        "mask gaussian every",
                        "mask gaussian { variance = lambda / eta, every 4 }",
                        e -> regularizer(e, GaussianMask.class).refreshEvery(),
                        4),
                mask(
                        "mask tikhonov min_keep",
                        "mask tikhonov { keep = eta / (eta + lambda), min_keep 0.01 }",
                        e -> regularizer(e, AdaptiveTikhonov.class).minKeep(),
                        0.01),
                mask(
                        "mask prox scale",
                        "mask prox { keep = eta / (eta + lr * lambda), scale adam }",
                        e -> regularizer(e, AdaptiveProx.class).scale(),
                        ProxScale.OPTIMIZER),
                mask(
                        "mask eta_trick init",
                        "mask eta_trick { f(eta) = eta, init 3 }",
                        e -> regularizer(e, EtaTrick.class).init(),
                        3.0),
                mask(
                        "mask eta_trick decay",
                        "mask eta_trick { f(eta) = eta, decay 0.5 }",
                        e -> regularizer(e, EtaTrick.class).decay(),
                        0.5),
                mask(
                        "mask variational reparam",
                        "mask variational { reparam local }",
                        e -> regularizer(e, VariationalDropout.class).reparameterization(),
                        VariationalDropout.Reparameterization.LOCAL),
                mask(
                        "mask variational threshold",
                        "mask variational { reparam additive, threshold 2.5 }",
                        e -> regularizer(e, VariationalDropout.class).threshold(),
                        2.5),
                mask(
                        "mask hard_concrete beta",
                        "mask hard_concrete { beta 0.5 }",
                        e -> regularizer(e, HardConcrete.class).beta(),
                        0.5),
                mask(
                        "mask hard_concrete gamma",
                        "mask hard_concrete { gamma -0.2 }",
                        e -> regularizer(e, HardConcrete.class).gamma(),
                        -0.2),
                mask(
                        "mask hard_concrete zeta",
                        "mask hard_concrete { zeta 1.2 }",
                        e -> regularizer(e, HardConcrete.class).zeta(),
                        1.2),
                mask(
                        "mask hard_concrete init",
                        "mask hard_concrete { init 0.7 }",
                        e -> regularizer(e, HardConcrete.class).init(),
                        0.7),
                mask(
                        "mask magnitude target",
                        "mask magnitude { target 0.8 }",
                        e -> regularizer(e, MagnitudePruning.class).target(),
                        0.8),
                mask(
                        "mask magnitude schedule",
                        "mask magnitude { target 0.8, schedule linear }",
                        e -> regularizer(e, MagnitudePruning.class).ramp(),
                        MagnitudePruning.Ramp.LINEAR),
                mask(
                        "mask magnitude epochs",
                        "mask magnitude { target 0.8, epochs 2..5 }",
                        e -> regularizer(e, MagnitudePruning.class).firstEpoch() + ".."
                                + regularizer(e, MagnitudePruning.class).lastEpoch(),
                        "2..5"),
                mask(
                        "mask magnitude every",
                        "mask magnitude { target 0.8, every 7 }",
                        e -> regularizer(e, MagnitudePruning.class).every(),
                        7),
                train(
                        "train epochs",
                        "train sgd(lr = 0.1) { epochs 3 }",
                        e -> e.training().epochs(),
                        3),
                train(
                        "train batch",
                        "train sgd(lr = 0.1) { epochs 1, batch 16 }",
                        e -> e.training().batch(),
                        16),
                train(
                        "train schedule",
                        "train sgd(lr = 0.1) { epochs 1, schedule linear_decay }",
                        e -> e.training().schedule(),
                        Schedule.LINEAR_DECAY),
                train(
                        "train seed",
                        "train sgd(lr = 0.1) { epochs 1, seed 11 }",
                        e -> e.training().seed(),
                        11L),
                train(
                        "optimizer adam lr",
                        "train adam(lr = 0.02) { epochs 1 }",
                        e -> e.training().optimizer().lr(),
                        0.02),
                train(
                        "optimizer adam beta1",
                        "train adam(lr = 0.02, beta1 = 0.8) { epochs 1 }",
                        e -> ((OptimizerSpec.Adam) e.training().optimizer()).beta1(),
                        0.8),
                train(
                        "optimizer adam beta2",
                        "train adam(lr = 0.02, beta2 = 0.99) { epochs 1 }",
                        e -> ((OptimizerSpec.Adam) e.training().optimizer()).beta2(),
                        0.99),
                train(
                        "optimizer adam eps",
                        "train adam(lr = 0.02, eps = 1e-6) { epochs 1 }",
                        e -> ((OptimizerSpec.Adam) e.training().optimizer()).eps(),
                        1e-6),
                train(
                        "optimizer sgd lr",
                        "train sgd(lr = 0.03) { epochs 1 }",
                        e -> e.training().optimizer().lr(),
                        0.03));
    }

    @TempDir
    Path directory;

    /** The data files the file-based cases read at check time: idx images and labels, npz arrays, CSV tables. */
    private void writeDataFiles() throws java.io.IOException {
        spd.runtime.data.ExampleData.write(directory);
        java.nio.file.Files.copy(directory.resolve("blobs.npz"), directory.resolve("copy.npz"));
        java.nio.file.Path idx = java.nio.file.Files.createDirectories(directory.resolve("idxdir"));
        byte[] images = idxFile(new int[] {3, 2, 2}, new byte[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110});
        byte[] labels = idxFile(new int[] {3}, new byte[] {0, 1, 2});
        for (String name : java.util.List.of("train-images-idx3-ubyte", "t10k-images-idx3-ubyte", "other-images")) {
            java.nio.file.Files.write(idx.resolve(name), images);
        }
        for (String name : java.util.List.of("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte", "other-labels")) {
            java.nio.file.Files.write(idx.resolve(name), labels);
        }
        String rows = "1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n11,12,1\n";
        java.nio.file.Files.writeString(directory.resolve("t.csv"), "a,b,y\n" + rows);
        java.nio.file.Files.writeString(directory.resolve("t_test.csv"), "a,b,y\n" + rows);
        java.nio.file.Files.writeString(directory.resolve("t_bare.csv"), rows);
        java.nio.file.Files.writeString(directory.resolve("t_semicolon.csv"), "a;b;y\n" + rows.replace(',', ';'));
    }

    /** An idx file: magic (unsigned bytes, the number of dimensions), the dimensions, the data. */
    private static byte[] idxFile(int[] dimensions, byte[] data) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put(new byte[] {0, 0, 0x08, (byte) dimensions.length});
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theGeneratedClassCarriesTheSetting(Case c) throws Exception {
        writeDataFiles();
        String text = "experiment settings {\n data " + c.data() + "\n " + c.statements() + "\n}\n";
        FrontendResult result = Frontend.run(new SourceFile("settings.spd", text), directory);
        assertTrue(result.ok(), () -> text + result.diagnostics().sorted());
        GeneratedClass generated =
                ExperimentClassWriter.write(result.experiments().getFirst());
        Experiment declared = InMemoryCompiler.load(generated).experiment();
        assertEquals(c.expected(), c.actual().apply(declared), generated.source());
    }

    @Test
    void everySettingOfEverySchemaHasACase() {
        TreeSet<String> settings = new TreeSet<>();
        add(settings, "data", Schemas.DATA);
        add(settings, "mask", Schemas.MASKS);
        add(settings, "optimizer", Schemas.OPTIMIZERS);
        Schemas.TRAIN.settings().keySet().forEach(key -> settings.add("train " + key));
        TreeSet<String> covered = new TreeSet<>(cases().map(Case::setting).toList());
        assertEquals(settings, covered);
    }

    private static void add(TreeSet<String> into, String block, Map<String, BlockSchema> schemas) {
        schemas.forEach(
                (kind, schema) -> schema.settings().keySet().forEach(key -> into.add(block + " " + kind + " " + key)));
    }
}
