package spd.runtime.train;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import spd.runtime.Experiment;
import spd.runtime.data.IdxFile;

/**
 * What makes two sessions the same run: the experiment, its source and generated code (which carry every
 * {@code --set}), the number of epochs and the seed, and the data. A run resumes only with an identical
 * identity; the manifest records it.
 */
record RunIdentity(
        String experiment,
        String sourceFile,
        String sourceSha256,
        String generatedCodeSha256,
        Map<String, String> settings,
        int epochs,
        long seed,
        String data,
        Map<String, String> dataFiles) {

    /** The identity of a session about to run {@code experiment}. */
    static RunIdentity of(Experiment experiment, RunInfo info, List<DataFiles.DataFile> files) {
        Map<String, String> hashes = new LinkedHashMap<>();
        files.forEach(file -> hashes.put(file.name(), file.sha256()));
        return new RunIdentity(
                experiment.name(),
                info.sourceFile(),
                info.sourceSha256(),
                IdxFile.sha256(info.generatedSource().getBytes(StandardCharsets.UTF_8)),
                info.settings(),
                experiment.training().epochs(),
                experiment.training().seed(),
                Manifest.describe(experiment.data()),
                hashes);
    }

    /** The identity a manifest recorded. */
    @SuppressWarnings("unchecked")
    static RunIdentity recorded(Map<String, Object> manifest) {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (manifest.get("data_files") instanceof List<?> files) {
            for (Object file : files) {
                Map<String, Object> entry = (Map<String, Object>) file;
                hashes.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("sha256")));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (manifest.get("settings") instanceof Map<?, ?> recorded) {
            recorded.forEach((name, value) -> settings.put(String.valueOf(name), String.valueOf(value)));
        }
        return new RunIdentity(
                text(manifest, "experiment"),
                text(manifest, "source_file"),
                text(manifest, "source_sha256"),
                text(manifest, "generated_code_sha256"),
                settings,
                number(manifest, "epochs").intValue(),
                number(manifest, "seed").longValue(),
                text(manifest, "data"),
                hashes);
    }

    private static String text(Map<String, Object> manifest, String key) {
        Object value = manifest.get(key);
        return value == null ? "" : value.toString();
    }

    private static Number number(Map<String, Object> manifest, String key) {
        return manifest.get(key) instanceof Number value ? value : -1;
    }

    /** How {@code now} differs from this recorded identity, one line per difference; empty when the same. */
    List<String> differencesFrom(RunIdentity now) {
        List<String> differences = new ArrayList<>();
        if (!experiment.equals(now.experiment)) {
            differences.add("experiment: %s then, %s now".formatted(experiment, now.experiment));
        }
        if (!sourceSha256.equals(now.sourceSha256)) {
            differences.add(
                    sourceFile.equals(now.sourceFile)
                            ? "source: %s was edited since the run started (SHA-256 %s then, %s now)"
                                    .formatted(sourceFile, abbreviate(sourceSha256), abbreviate(now.sourceSha256))
                            : "source: %s then, %s now (different content)".formatted(sourceFile, now.sourceFile));
        }
        if (!settings.equals(now.settings)) {
            differences.add("--set: %s then, %s now".formatted(describe(settings), describe(now.settings)));
        }
        if (!generatedCodeSha256.equals(now.generatedCodeSha256) && differences.isEmpty()) {
            differences.add("the generated code differs (was spd updated since the run started?)");
        }
        if (epochs != now.epochs) {
            differences.add("epochs: %d then, %d now".formatted(epochs, now.epochs));
        }
        if (seed != now.seed) {
            differences.add("seed: %d then, %d now".formatted(seed, now.seed));
        }
        if (!data.equals(now.data)) {
            differences.add("data: %s then, %s now".formatted(data, now.data));
        }
        if (!dataFiles.equals(now.dataFiles)) {
            for (String name : dataFiles.keySet()) {
                String nowHash = now.dataFiles.get(name);
                if (!dataFiles.get(name).equals(nowHash)) {
                    differences.add("data file %s: SHA-256 %s then, %s now"
                            .formatted(
                                    name,
                                    abbreviate(dataFiles.get(name)),
                                    nowHash == null ? "missing" : abbreviate(nowHash)));
                }
            }
            now.dataFiles.keySet().stream()
                    .filter(name -> !dataFiles.containsKey(name))
                    .forEach(name -> differences.add("data file %s: none then, present now".formatted(name)));
        }
        return differences;
    }

    private static String describe(Map<String, String> settings) {
        return settings.isEmpty()
                ? "none"
                : settings.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha.isEmpty() ? "unknown" : sha;
    }
}
