package spd.compiler.cli;

import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/** Checks that the requested device is the backend this build of spd runs on. */
final class Devices {
  private Devices() {}

  /** Why the device cannot be used, or empty when it can. */
  static Optional<String> check(String device) {
    return switch (device.toLowerCase(Locale.ROOT)) {
      case "cpu" -> Optional.empty();
      case "gpu", "cuda" -> gpu();
      default -> Optional.of("unknown device '" + device + "'; use --device cpu or --device gpu");
    };
  }

  private static Optional<String> gpu() {
    String backend = Nd4j.getBackend().getClass().getName();
    if (backend.toLowerCase(Locale.ROOT).contains("cuda") || backend.contains("Jcublas")) {
      return Optional.empty();
    }
    return Optional.of("this build of spd has ND4J's CPU backend only, so --device gpu cannot be used. "
        + "Build with the CUDA backend (mvn -Pcuda package) on a machine with an NVIDIA GPU and CUDA 11.6; "
        + "ND4J 1.0.0-M2.1's kernels run on Pascal to Ampere/Ada GPUs (sm_37..sm_86), not on Hopper.");
  }
}
