package spd.runtime.train;

/**
 * What the caller knows about where the experiment came from, recorded in the run directory's manifest.
 *
 * @param sourceFile the {@code .spd} file, as the user named it
 * @param sourceSha256 the SHA-256 of that file
 * @param generatedSource the generated Java source, copied into the run directory (may be empty)
 * @param generatedFileName the file name for the generated source, e.g. {@code Lenet300Adadrop.java}
 * @param spdVersion the compiler's version
 */
public record RunInfo(
    String sourceFile,
    String sourceSha256,
    String generatedSource,
    String generatedFileName,
    String spdVersion) {

  /** Info for runs that did not come from a source file (tests, benchmarks). */
  public static RunInfo none() {
    return new RunInfo("", "", "", "Experiment.java", "dev");
  }
}
