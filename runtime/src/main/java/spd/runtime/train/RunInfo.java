package spd.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the caller knows about where the experiment came from, recorded in the run directory's manifest and
 * compared when the run is resumed.
 *
 * @param sourceFile the {@code .spd} file, as the user named it
 * @param sourceSha256 the SHA-256 of that file
 * @param generatedSource the generated Java source, copied into the run directory (may be empty)
 * @param generatedFileName the file name for the generated source, e.g. {@code Lenet300Adadrop.java}
 * @param spdVersion the compiler's version
 * @param settings the constants overridden on the command line ({@code --set name=value}), in order
 * @param commandLine the command that started this session, word by word
 * @param resumeCommand the shell command that resumes the run (empty when there is none)
 */
public record RunInfo(
        String sourceFile,
        String sourceSha256,
        String generatedSource,
        String generatedFileName,
        String spdVersion,
        Map<String, String> settings,
        List<String> commandLine,
        String resumeCommand) {

    /** Copies the collections, keeping their order. */
    public RunInfo {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        commandLine = List.copyOf(commandLine);
    }

    /** Provenance without command-line details. */
    public RunInfo(
            String sourceFile,
            String sourceSha256,
            String generatedSource,
            String generatedFileName,
            String spdVersion) {
        this(sourceFile, sourceSha256, generatedSource, generatedFileName, spdVersion, Map.of(), List.of(), "");
    }

    /** Info for runs that did not come from a source file (tests, benchmarks). */
    public static RunInfo none() {
        return new RunInfo("", "", "", "Experiment.java", "dev");
    }

    /** The same info with the command line that started the session and the command that resumes the run. */
    public RunInfo withCommands(Map<String, String> overrides, List<String> command, String resume) {
        return new RunInfo(
                sourceFile, sourceSha256, generatedSource, generatedFileName, spdVersion, overrides, command, resume);
    }
}
