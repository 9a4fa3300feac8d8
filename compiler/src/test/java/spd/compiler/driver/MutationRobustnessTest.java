package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import spd.compiler.diag.Diagnostics;
import spd.compiler.parse.SourceLoader;
import spd.compiler.source.SourceFile;
import spd.compiler.testing.Project;

/**
 * At least 10,000 random mutations of the examples go through the front end: every one must end in
 * diagnostics or success, quickly, and never in an exception or an internal error.
 */
class MutationRobustnessTest {
    private static final int COUNT = Integer.getInteger("spd.mutation.count", 10_000);
    private static final long SEED = Long.getLong("spd.mutation.seed", 20211206L);
    /** CPU seconds one input may take: the real limit, independent of how busy the machine is. */
    private static final long CPU_SECONDS_PER_INPUT = 10;
    /** Wall-clock seconds before an input counts as hung (generous: the machine may be shared). */
    private static final long WALL_SECONDS_PER_INPUT = 120;

    @Test
    void everyMutationEndsInDiagnosticsOrSuccess() throws Exception {
        mutateAll(examplesAndErrors(), SEED, COUNT);
    }

    /** The convolutional examples and their error file, with a stream of mutants of their own. */
    @Test
    void everyMutationOfAConvNetworkEndsInDiagnosticsOrSuccess() throws Exception {
        mutateAll(convExamples(), SEED + 8, COUNT / 5);
    }

    private static void mutateAll(List<Path> files, long seed, int count) throws Exception {
        List<String> sources = new ArrayList<>();
        for (Path example : files) {
            sources.add(Files.readString(example, StandardCharsets.UTF_8));
        }
        Mutator mutator = new Mutator(seed);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        int failed = 0;
        int clean = 0;
        try {
            for (int i = 0; i < count; i++) {
                byte[] input = mutator.mutate(sources.get(i % sources.size()));
                Outcome outcome = runOne(executor, input, i);
                clean += outcome == Outcome.CLEAN ? 1 : 0;
                failed += outcome == Outcome.DIAGNOSED ? 1 : 0;
            }
        } finally {
            executor.shutdownNow();
        }
        // runOne fails the test on an exception, an internal error or a hang; here, that mutants do break things.
        assertTrue(failed > count / 2, "most mutations should be diagnosed, only " + failed + " were");
        assertTrue(clean > 0, "some mutations (comments, whitespace) leave a valid file");
    }

    private enum Outcome {
        CLEAN,
        DIAGNOSED
    }

    private static Outcome runOne(ExecutorService executor, byte[] input, int index) throws Exception {
        Future<Outcome> future = executor.submit(() -> {
            long cpuStart = processCpuNanos();
            Outcome outcome = checkOne(input, index);
            long cpu = processCpuNanos() - cpuStart;
            if (cpu > TimeUnit.SECONDS.toNanos(CPU_SECONDS_PER_INPUT)) {
                fail("mutant " + index + " took " + cpu / 1_000_000 + " ms of CPU:\n"
                        + new String(input, StandardCharsets.UTF_8));
            }
            return outcome;
        });
        try {
            return future.get(WALL_SECONDS_PER_INPUT, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("mutant " + index + " took more than " + WALL_SECONDS_PER_INPUT + " s:\n"
                    + new String(input, StandardCharsets.UTF_8));
        }
    }

    private static Outcome checkOne(byte[] input, int index) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<SourceFile> source = SourceLoader.decode("mutant-" + index + ".spd", input, diagnostics);
        if (source.isEmpty()) {
            return diagnostics.hasErrors() ? Outcome.DIAGNOSED : fail("undecodable input without a diagnostic");
        }
        FrontendResult result = Frontend.run(source.get(), Project.examples());
        if (result.internalError()) {
            fail("internal error on mutant " + index + ":\n" + source.get().text() + "\n"
                    + result.diagnostics().sorted());
        }
        return result.diagnostics().hasErrors() ? Outcome.DIAGNOSED : Outcome.CLEAN;
    }

    /** The CPU time of this process (the front end runs on a thread of its own, so the process is what counts). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The examples and error files, without the conv ones (whose mutants are a stream of their own). */
    private static List<Path> examplesAndErrors() throws IOException {
        List<Path> all = new ArrayList<>(Project.validExamples());
        all.addAll(Project.spdFiles(Project.examples().resolve("errors")));
        all.removeAll(convExamples());
        return all;
    }

    private static List<Path> convExamples() {
        List<Path> conv = new ArrayList<>(Project.spdFiles(Project.examples().resolve("lenet5")));
        conv.add(Project.examples().resolve("errors").resolve("conv_layers.spd"));
        return conv;
    }
}
