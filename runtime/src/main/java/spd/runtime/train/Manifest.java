package spd.runtime.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.data.Dataset;
import spd.runtime.data.IdxFile;
import spd.runtime.reg.Regularizer;

/** Writes {@code manifest.json}: provenance, seed, versions, backend and threads of a run. */
final class Manifest {
  private Manifest() {}

  static void write(RunDirectory directory, Experiment experiment, RunInfo info, Dataset data) {
    if (!info.generatedSource().isEmpty()) {
      directory.writeText(Path.of(info.generatedFileName()).getFileName().toString(), info.generatedSource());
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("experiment", experiment.name());
    manifest.put("source_file", info.sourceFile());
    manifest.put("source_sha256", info.sourceSha256());
    manifest.put("generated_file", info.generatedFileName());
    manifest.put("generated_code_sha256", IdxFile.sha256(info.generatedSource().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    manifest.put("seed", experiment.training().seed());
    manifest.put("epochs", experiment.training().epochs());
    manifest.put("batch", experiment.training().batch());
    manifest.put("optimizer", experiment.training().optimizer().toString());
    manifest.put("schedule", experiment.training().schedule().name().toLowerCase(Locale.ROOT));
    manifest.put("data", experiment.data() instanceof spd.runtime.data.DataSpec.Provided p ? p.description() : experiment.data().toString());
    manifest.put("train_size", data.train().size());
    manifest.put("validation_size", data.validation().size());
    manifest.put("test_size", data.test().size());
    Map<String, String> rules = new LinkedHashMap<>();
    experiment.regularizers().forEach((layer, rule) -> rules.put(layer, rule.kind()));
    manifest.put("regularizers", rules);
    manifest.put("constants", experiment.constants());
    manifest.put("versions", versions(info));
    manifest.put("backend", backend());
    manifest.put("threads", threads());
    directory.writeJson(RunDirectory.MANIFEST, manifest);
  }

  private static Map<String, String> versions(RunInfo info) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("spd", info.spdVersion());
    versions.put("nd4j", nd4jVersion());
    versions.put("java", System.getProperty("java.version"));
    versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return versions;
  }

  private static String nd4jVersion() {
    try (var in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** The ND4J backend class and BLAS vendor, e.g. "CpuBackend (OPENBLAS)". */
  static String backend() {
    Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
    return Nd4j.getBackend().getClass().getSimpleName() + " (" + environment.getProperty("blas.vendor", "?") + ")";
  }

  static Map<String, Object> threads() {
    Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
    Map<String, Object> threads = new LinkedHashMap<>();
    threads.put("omp", environment.get("omp.threads"));
    threads.put("blas", environment.get("blas.threads"));
    threads.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
    threads.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
    threads.put("available_processors", Runtime.getRuntime().availableProcessors());
    return threads;
  }
}
