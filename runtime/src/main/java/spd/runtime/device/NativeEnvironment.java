package spd.runtime.device;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables the native libraries read once, at load time, and that decide speed:
 *
 * <ul>
 *   <li>{@code OMP_NUM_THREADS=1}: on two shared cores ND4J's default of two threads was slower and erratic;
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: with more threads, idle OpenMP threads sleep instead of spinning;
 *       spinning threads on a loaded machine made two-thread steps 10-40x slower;
 *   <li>{@code MALLOC_MMAP_THRESHOLD_} and {@code MALLOC_TRIM_THRESHOLD_}: keep freed native memory in the
 *       process instead of returning and faulting it in every step;
 *   <li>{@code OPENBLAS_CORETYPE}: ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which does not recognise recent
 *       Intel processors (e.g. Sapphire/Emerald Rapids) and falls back to its generic Prescott kernels, 3-4x
 *       slower at sgemm; naming the kernel family the processor supports restores the fast kernels.
 * </ul>
 *
 * A launcher sets these before the JVM starts; {@link #relaunch} does it for a main class that was started
 * without them.
 */
public final class NativeEnvironment {
    private NativeEnvironment() {}

    /** The recommended values for this machine, whether or not they are set. */
    public static Map<String, String> recommended() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("OMP_NUM_THREADS", "1");
        values.put("OMP_WAIT_POLICY", "PASSIVE");
        values.put("MALLOC_MMAP_THRESHOLD_", "33554432");
        values.put("MALLOC_TRIM_THRESHOLD_", "1073741824");
        String coreType = openBlasCoreType(cpuFlags());
        if (coreType != null) {
            values.put("OPENBLAS_CORETYPE", coreType);
        }
        return values;
    }

    /** The recommended variables that the current process does not have (the user's own values win). */
    public static Map<String, String> missing() {
        Map<String, String> missing = new LinkedHashMap<>();
        recommended().forEach((name, value) -> {
            if (System.getenv(name) == null) {
                missing.put(name, value);
            }
        });
        return missing;
    }

    /**
     * The OpenBLAS kernel family for a processor with these CPU flags, or null to let OpenBLAS decide:
     * SkylakeX where AVX-512 (F, BW, VL, DQ, CD) is present, Haswell where AVX2 and FMA are.
     */
    static String openBlasCoreType(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"))) {
            return "SkylakeX";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "Haswell";
        }
        return null;
    }

    /** The flags of the first processor in /proc/cpuinfo (empty where that file does not exist). */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line ->
                            Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * Runs {@code mainClass} again in a child JVM with the same class path, JVM options and arguments plus the
     * missing variables, forwarding its output; returns its exit code.
     */
    public static int relaunch(Class<?> mainClass, String[] args, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(extraEnvironment);
        return builder.start().waitFor();
    }
}
