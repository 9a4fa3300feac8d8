package spd.runtime.train;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Dataset;
import spd.runtime.data.IdxFile;

/**
 * {@code manifest.json}: where a run came from and how it ran. Provenance (source and generated code with their
 * SHA-256, the {@code --set} overrides, seed, epochs, the data and its files' SHA-256, versions, backend,
 * threads) is written when the run starts and is what a resume is compared with; each session (the start and
 * every resume) adds its command line, start and end time, status and wall time. Timings live here, not in
 * {@code summary.json}, so that the summary of a run depends only on its results.
 */
final class Manifest {
    /** The layout of the run directory's files; raised when a file changes incompatibly. */
    static final int FORMAT_VERSION = 1;

    private final RunDirectory directory;
    private final Map<String, Object> content;
    private final long sessionStart = System.nanoTime();

    private Manifest(RunDirectory directory, Map<String, Object> content) {
        this.directory = directory;
        this.content = content;
    }

    /**
     * Writes the manifest (and the generated source) of a run starting from epoch 0, with a new session after
     * {@code earlierSessions} (those of a run restarted because it never finished an epoch).
     */
    static Manifest start(
            RunDirectory directory,
            Experiment experiment,
            RunInfo info,
            Dataset data,
            List<DataFiles.DataFile> files,
            List<?> earlierSessions) {
        if (!info.generatedSource().isEmpty()) {
            directory.writeText(Path.of(info.generatedFileName()).getFileName().toString(), info.generatedSource());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("experiment", experiment.name());
        manifest.put("source_file", info.sourceFile());
        manifest.put("source_sha256", info.sourceSha256());
        manifest.put("generated_file", info.generatedFileName());
        manifest.put(
                "generated_code_sha256", IdxFile.sha256(info.generatedSource().getBytes(StandardCharsets.UTF_8)));
        manifest.put("settings", info.settings());
        manifest.put("seed", experiment.training().seed());
        manifest.put("epochs", experiment.training().epochs());
        manifest.put("batch", experiment.training().batch());
        manifest.put("optimizer", experiment.training().optimizer().toString());
        manifest.put("schedule", experiment.training().schedule().name().toLowerCase(Locale.ROOT));
        manifest.put("data", describe(experiment.data()));
        manifest.put("data_files", files.stream().map(Manifest::dataFile).toList());
        manifest.put("train_size", data.train().size());
        manifest.put("validation_size", data.validation().size());
        manifest.put("test_size", data.test().size());
        Map<String, String> rules = new LinkedHashMap<>();
        experiment.regularizers().forEach((layer, rule) -> rules.put(layer, rule.kind()));
        manifest.put("regularizers", rules);
        manifest.put("constants", experiment.constants());
        manifest.put("command_line", info.commandLine());
        manifest.put("resume_command", info.resumeCommand());
        manifest.put("versions", versions(info));
        manifest.put("backend", backend());
        manifest.put("threads", threads());
        manifest.put("wall_time_seconds", 0.0);
        manifest.put("sessions", new ArrayList<>(earlierSessions));
        Manifest started = new Manifest(directory, manifest);
        started.beginSession(info);
        return started;
    }

    /** The manifest of a run being resumed, with a new session for this process. */
    static Manifest resume(RunDirectory directory, Map<String, Object> recorded, RunInfo info) {
        Map<String, Object> manifest = new LinkedHashMap<>(recorded);
        manifest.put("sessions", new ArrayList<>(sessions(recorded)));
        Manifest resumed = new Manifest(directory, manifest);
        resumed.beginSession(info);
        return resumed;
    }

    private static Map<String, String> dataFile(DataFiles.DataFile file) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("name", file.name());
        entry.put("path", file.path());
        entry.put("sha256", file.sha256());
        return entry;
    }

    /** The sessions a manifest recorded. */
    static List<?> sessions(Map<String, Object> recorded) {
        return recorded.get("sessions") instanceof List<?> list ? list : List.of();
    }

    /** How the data is described in the manifest and compared on resume. */
    static String describe(DataSpec data) {
        return data instanceof DataSpec.Provided provided ? provided.description() : data.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Object> sessions() {
        return (List<Object>) content.get("sessions");
    }

    private void beginSession(RunInfo info) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("command_line", info.commandLine());
        session.put("started", now());
        session.put("pid", ProcessHandle.current().pid());
        sessions().add(session);
        directory.writeJson(RunDirectory.MANIFEST, content);
    }

    /** Records how this session ended, its peak resident memory and the run's total wall time so far. */
    @SuppressWarnings("unchecked")
    void endSession(RunStatus status, double totalWallSeconds) {
        Map<String, Object> session =
                (Map<String, Object>) sessions().get(sessions().size() - 1);
        session.put("ended", now());
        session.put("status", status.name().toLowerCase(Locale.ROOT));
        session.put("wall_seconds", (System.nanoTime() - sessionStart) / 1e9);
        ResidentMemory.peakBytes().ifPresent(bytes -> session.put("peak_resident_bytes", bytes));
        content.put("wall_time_seconds", totalWallSeconds);
        directory.writeJson(RunDirectory.MANIFEST, content);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
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
