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
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Schemas;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
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
    String network = data.startsWith("mnist") ? MNIST_NETWORK : LINEAR_NETWORK;
    return new Case(setting, data, network + "\n train sgd(lr = 0.1) { epochs 1 }", actual, expected);
  }

  private static Case mask(String setting, String mask, Function<Experiment, Object> actual, Object expected) {
    return new Case(setting, "linear { n 20, d 5, support 2 }", LINEAR_NETWORK
        + "\n let lambda = 0.5\n eta(w) = |w|\n " + mask + "\n train adam(lr = 0.1) { epochs 9 }", actual, expected);
  }

  private static Case train(String setting, String train, Function<Experiment, Object> actual, Object expected) {
    return new Case(setting, "linear { n 20, d 5, support 2 }", LINEAR_NETWORK + "\n " + train, actual, expected);
  }

  private static <T> T regularizer(Experiment e, Class<T> type) {
    return type.cast(e.regularizer("fc1"));
  }

  static Stream<Case> cases() {
    return Stream.of(
        data("data mnist validation", "mnist { validation 0.25 }",
            e -> ((DataSpec.Mnist) e.data()).validationFraction(), 0.25),
        data("data mnist dir", "mnist { dir \"my/mnist files\" }",
            e -> ((DataSpec.Mnist) e.data()).directory(), Optional.of(Path.of("my/mnist files"))),
        data("data linear n", "linear { n 21, d 5, support 2 }", e -> ((DataSpec.Linear) e.data()).n(), 21),
        data("data linear d", "linear { n 20, d 5, support 2 }", e -> ((DataSpec.Linear) e.data()).d(), 5),
        data("data linear support", "linear { n 20, d 5, support 3 }",
            e -> ((DataSpec.Linear) e.data()).support(), 3),
        data("data linear noise", "linear { n 20, d 5, support 2, noise 0.3 }",
            e -> ((DataSpec.Linear) e.data()).noise(), 0.3),
        data("data linear seed", "linear { n 20, d 5, support 2, seed 7 }",
            e -> ((DataSpec.Linear) e.data()).seed(), 7L),
        mask("mask bernoulli every", "mask bernoulli { keep = eta / (eta + lambda), every 3 }",
            e -> regularizer(e, BernoulliDropConnect.class).refreshEvery(), 3),
        mask("mask gaussian every", "mask gaussian { variance = lambda / eta, every 4 }",
            e -> regularizer(e, GaussianMask.class).refreshEvery(), 4),
        mask("mask tikhonov min_keep", "mask tikhonov { keep = eta / (eta + lambda), min_keep 0.01 }",
            e -> regularizer(e, AdaptiveTikhonov.class).minKeep(), 0.01),
        mask("mask prox scale", "mask prox { keep = eta / (eta + lr * lambda), scale adam }",
            e -> regularizer(e, AdaptiveProx.class).scale(), ProxScale.OPTIMIZER),
        mask("mask eta_trick init", "mask eta_trick { f(eta) = eta, init 3 }",
            e -> regularizer(e, EtaTrick.class).init(), 3.0),
        mask("mask eta_trick decay", "mask eta_trick { f(eta) = eta, decay 0.5 }",
            e -> regularizer(e, EtaTrick.class).decay(), 0.5),
        mask("mask variational reparam", "mask variational { reparam local }",
            e -> regularizer(e, VariationalDropout.class).reparameterization(),
            VariationalDropout.Reparameterization.LOCAL),
        mask("mask variational threshold", "mask variational { reparam additive, threshold 2.5 }",
            e -> regularizer(e, VariationalDropout.class).threshold(), 2.5),
        mask("mask hard_concrete beta", "mask hard_concrete { beta 0.5 }",
            e -> regularizer(e, HardConcrete.class).beta(), 0.5),
        mask("mask hard_concrete gamma", "mask hard_concrete { gamma -0.2 }",
            e -> regularizer(e, HardConcrete.class).gamma(), -0.2),
        mask("mask hard_concrete zeta", "mask hard_concrete { zeta 1.2 }",
            e -> regularizer(e, HardConcrete.class).zeta(), 1.2),
        mask("mask hard_concrete init", "mask hard_concrete { init 0.7 }",
            e -> regularizer(e, HardConcrete.class).init(), 0.7),
        mask("mask magnitude target", "mask magnitude { target 0.8 }",
            e -> regularizer(e, MagnitudePruning.class).target(), 0.8),
        mask("mask magnitude schedule", "mask magnitude { target 0.8, schedule linear }",
            e -> regularizer(e, MagnitudePruning.class).ramp(), MagnitudePruning.Ramp.LINEAR),
        mask("mask magnitude epochs", "mask magnitude { target 0.8, epochs 2..5 }",
            e -> regularizer(e, MagnitudePruning.class).firstEpoch() + ".." + regularizer(e, MagnitudePruning.class)
                .lastEpoch(), "2..5"),
        mask("mask magnitude every", "mask magnitude { target 0.8, every 7 }",
            e -> regularizer(e, MagnitudePruning.class).every(), 7),
        train("train epochs", "train sgd(lr = 0.1) { epochs 3 }", e -> e.training().epochs(), 3),
        train("train batch", "train sgd(lr = 0.1) { epochs 1, batch 16 }", e -> e.training().batch(), 16),
        train("train schedule", "train sgd(lr = 0.1) { epochs 1, schedule linear_decay }",
            e -> e.training().schedule(), Schedule.LINEAR_DECAY),
        train("train seed", "train sgd(lr = 0.1) { epochs 1, seed 11 }", e -> e.training().seed(), 11L),
        train("optimizer adam lr", "train adam(lr = 0.02) { epochs 1 }", e -> e.training().optimizer().lr(), 0.02),
        train("optimizer adam beta1", "train adam(lr = 0.02, beta1 = 0.8) { epochs 1 }",
            e -> ((OptimizerSpec.Adam) e.training().optimizer()).beta1(), 0.8),
        train("optimizer adam beta2", "train adam(lr = 0.02, beta2 = 0.99) { epochs 1 }",
            e -> ((OptimizerSpec.Adam) e.training().optimizer()).beta2(), 0.99),
        train("optimizer adam eps", "train adam(lr = 0.02, eps = 1e-6) { epochs 1 }",
            e -> ((OptimizerSpec.Adam) e.training().optimizer()).eps(), 1e-6),
        train("optimizer sgd lr", "train sgd(lr = 0.03) { epochs 1 }", e -> e.training().optimizer().lr(), 0.03));
  }

  @TempDir
  Path directory;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theGeneratedClassCarriesTheSetting(Case c) throws CodegenException {
    String text = "experiment settings {\n data " + c.data() + "\n " + c.statements() + "\n}\n";
    FrontendResult result = Frontend.run(new SourceFile("settings.spd", text), directory);
    assertTrue(result.ok(), () -> text + result.diagnostics().sorted());
    GeneratedClass generated = ExperimentClassWriter.write(result.experiments().getFirst());
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
    schemas.forEach((kind, schema) -> schema.settings().keySet().forEach(key -> into.add(block + " " + kind + " " + key)));
  }
}
