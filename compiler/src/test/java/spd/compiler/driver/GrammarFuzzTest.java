package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.codegen.CodegenException;
import spd.compiler.codegen.ExperimentClassWriter;
import spd.compiler.codegen.GeneratedClass;
import spd.compiler.model.Experiment;
import spd.compiler.penalty.DerivationException;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.DerivationInputs;
import spd.compiler.penalty.PenaltyDeriver;
import spd.compiler.source.SourceFile;
import spd.compiler.testing.GeneratedSourceAudit;

/**
 * Issue 15's grammar-aware fuzz test: {@link ProgramGenerator} writes 10,000 programs from the grammar (most valid,
 * seasoned with hostile names, numbers, strings and comments, some with a syntax error), and every one goes through
 * what {@code spd check}, {@code spd derive} and {@code spd compile} do: the front end, the derivation of each
 * experiment, code generation of each trainable one, an audit of the generated source, and javac (with
 * {@code -Xlint:all -Werror}) followed by loading the class and building its experiment. Each program must end in
 * diagnostics or in code that compiles, within a time limit, with no internal error, no exception other than a
 * derivation's or code generation's diagnostic, and no code from the file run (a canary property stays unset).
 *
 * <p>A longer run: {@code mvn -o -pl compiler -am test -Dtest=GrammarFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dspd.fuzz.count=200000 -Dspd.fuzz.seed=N} (docs/language.md gives its figures).
 */
class GrammarFuzzTest {
    private static final int COUNT = Integer.getInteger("spd.fuzz.count", 10_000);
    private static final long SEED = Long.getLong("spd.fuzz.seed", 20261206L);
    /** CPU seconds one program may take through all the stages (the process's, as the work runs on its own thread). */
    private static final long CPU_SECONDS_PER_PROGRAM = 10;
    /** Wall-clock seconds before a program counts as hung (generous: the machine may be shared). */
    private static final long WALL_SECONDS_PER_PROGRAM = 120;
    /** Generated classes compiled by one javac task (one task per class would take most of the test's time). */
    private static final int CLASSES_PER_JAVAC = 250;
    /**
     * Every program goes through the front end and code generation; every this-many-th also through the derivation,
     * javac and loading (the expensive stages: one in eight keeps CI within its budget; the long run takes every one).
     */
    private static final int DEEP_EVERY = Integer.getInteger("spd.fuzz.deepEvery", 8);
    /** A run stops after this many failures (each is reported with its program). */
    private static final int MAX_FAILURES = Integer.getInteger("spd.fuzz.maxFailures", 1);

    @TempDir
    Path directory;

    /** What the programs came to, counted so that the test fails when the generator stops reaching a stage. */
    private static final class Tally {
        int diagnosed;
        int clean;
        int derived;
        int derivationDiagnostics;
        int generated;
        int codegenDiagnostics;
        int compiled;
        final Map<String, Integer> firstErrors = new java.util.TreeMap<>();
        long frontEndNanos;
        long deriveNanos;
        long codegenNanos;
        long javacNanos;
    }

    /** A generated class and the program it came from. */
    private record Generated(GeneratedClass generated, int index, String program) {}

    @Test
    void everyGeneratedProgramEndsInDiagnosticsOrInCodeThatCompiles() throws Exception {
        ProgramGenerator generator = new ProgramGenerator(SEED);
        Tally tally = new Tally();
        List<Generated> batch = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < COUNT && failures.size() < MAX_FAILURES; i++) {
                String program = generator.program(i);
                Future<List<Generated>> future = executor.submit(timed(program, i, tally));
                try {
                    for (Generated g : future.get(WALL_SECONDS_PER_PROGRAM, TimeUnit.SECONDS)) {
                        if (batch.size() >= CLASSES_PER_JAVAC
                                || batch.stream()
                                        .anyMatch(b -> b.generated()
                                                .qualifiedName()
                                                .equals(g.generated().qualifiedName()))) {
                            compileAndLoad(batch, tally, failures);
                        }
                        batch.add(g);
                    }
                } catch (TimeoutException e) {
                    future.cancel(true);
                    executor.shutdownNow();
                    executor = Executors.newSingleThreadExecutor();
                    failures.add("program " + i + " took more than " + WALL_SECONDS_PER_PROGRAM + " s:\n" + program);
                } catch (ExecutionException e) {
                    failures.add(describe(e.getCause()));
                }
            }
            compileAndLoad(batch, tally, failures);
        } finally {
            executor.shutdownNow();
        }
        System.out.printf(
                Locale.ROOT,
                "grammar fuzz: %d programs (seed %d) in %.1f s: %d diagnosed, %d clean; %d "
                        + "derivations, %d derivation diagnostics; %d classes generated, %d compiled, %d codegen diagnostics; %d "
                        + "failures. Seconds in the front end %.1f, derivations %.1f, code generation and audit %.1f, javac and"
                        + " loading %.1f%n",
                COUNT,
                SEED,
                (System.nanoTime() - start) / 1e9,
                tally.diagnosed,
                tally.clean,
                tally.derived,
                tally.derivationDiagnostics,
                tally.generated,
                tally.compiled,
                tally.codegenDiagnostics,
                failures.size(),
                tally.frontEndNanos / 1e9,
                tally.deriveNanos / 1e9,
                tally.codegenNanos / 1e9,
                tally.javacNanos / 1e9);
        System.out.println("grammar fuzz: first errors of the diagnosed programs by code: " + tally.firstErrors);
        assertEquals(List.of(), failures, () -> failures.size() + " failure(s):\n" + String.join("\n\n", failures));
        assertEquals(COUNT, tally.diagnosed + tally.clean);
        assertTrue(tally.compiled >= tally.generated / DEEP_EVERY / 2, "the sampled classes went through javac");
        // The generator must keep reaching every stage, or the test would pass by testing nothing.
        assertTrue(tally.clean > COUNT / 5, "only " + tally.clean + " programs were valid");
        assertTrue(tally.diagnosed > COUNT / 10, "only " + tally.diagnosed + " programs had errors");
        assertTrue(tally.derived > COUNT / DEEP_EVERY / 10, "only " + tally.derived + " derivations ran to the end");
        assertTrue(tally.compiled > COUNT / DEEP_EVERY / 20, "only " + tally.compiled + " classes were compiled");
    }

    /** The program through every stage, failing when it takes more than its CPU time. */
    private java.util.concurrent.Callable<List<Generated>> timed(String program, int index, Tally tally) {
        return () -> {
            long cpuStart = MutationRobustnessTest.processCpuNanos();
            List<Generated> classes = throughEveryStage(program, index, tally);
            long cpu = MutationRobustnessTest.processCpuNanos() - cpuStart;
            if (cpu > TimeUnit.SECONDS.toNanos(CPU_SECONDS_PER_PROGRAM)) {
                fail("program " + index + " took " + cpu / 1_000_000 + " ms of CPU:\n" + program);
            }
            return classes;
        };
    }

    private static String describe(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        cause.printStackTrace(new java.io.PrintWriter(trace));
        String[] lines = trace.toString().split("\n");
        return failure.getMessage()
                + (cause == failure
                        ? ""
                        : "\n" + String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 6))));
    }

    /** The front end, then each experiment's derivation and generated class (audited), as the commands would. */
    private List<Generated> throughEveryStage(String program, int index, Tally tally) {
        long start = System.nanoTime();
        FrontendResult result = Frontend.run(new SourceFile("fuzz-" + index + ".spd", program), directory);
        tally.frontEndNanos += System.nanoTime() - start;
        if (result.internalError()) {
            fail("internal error on program " + index + ":\n" + program + "\n"
                    + result.diagnostics().sorted());
        }
        if (!result.ok()) {
            tally.diagnosed++;
            result.diagnostics().sorted().stream()
                    .filter(spd.compiler.diag.Diagnostic::isError)
                    .findFirst()
                    .ifPresent(d -> tally.firstErrors.merge(d.code().name(), 1, Integer::sum));
            return List.of();
        }
        tally.clean++;
        List<Generated> classes = new ArrayList<>();
        boolean deep = index % DEEP_EVERY == 0;
        for (Experiment experiment : result.experiments()) {
            long deriveStart = System.nanoTime();
            if (deep) {
                derive(experiment, program, index, tally);
            }
            long codegenStart = System.nanoTime();
            tally.deriveNanos += codegenStart - deriveStart;
            if (experiment.isTrainable()) {
                generate(experiment, program, index, tally).filter(g -> deep).ifPresent(classes::add);
            }
            tally.codegenNanos += System.nanoTime() - codegenStart;
        }
        return classes;
    }

    private static void derive(Experiment experiment, String program, int index, Tally tally) {
        DerivationInput input;
        try {
            input = DerivationInputs.of(experiment);
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "spd derive fails before deriving experiment '" + experiment.name() + "' of program " + index
                            + ":\n" + program,
                    e);
        }
        try {
            PenaltyDeriver.derive(input);
            tally.derived++;
        } catch (DerivationException e) {
            assertTrue(e.diagnostic(input).span().line() >= 1, "a derivation diagnostic without a place");
            tally.derivationDiagnostics++;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    "spd derive fails on experiment '" + experiment.name() + "' of program " + index + ":\n" + program,
                    e);
        }
    }

    private static java.util.Optional<Generated> generate(
            Experiment experiment, String program, int index, Tally tally) {
        try {
            GeneratedClass generated = ExperimentClassWriter.write(experiment);
            // javac's parse tree is audited with the batch (BatchJavac); a backslash-u escape is found here for every
            // class.
            int escape = GeneratedSourceAudit.firstUnicodeEscape(generated.source());
            assertEquals(
                    -1,
                    escape,
                    () -> "a backslash-u escape javac would decode, program " + index + ":\n" + program + "\n"
                            + generated.source());
            tally.generated++;
            return java.util.Optional.of(new Generated(generated, index, program));
        } catch (CodegenException e) {
            tally.codegenDiagnostics++;
            return java.util.Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    "spd compile fails on experiment '" + experiment.name() + "' of program " + index + ":\n" + program,
                    e);
        }
    }

    /** javac over the batch; then every class is loaded and builds its experiment, and the canary is still unset. */
    private static void compileAndLoad(List<Generated> batch, Tally tally, List<String> failures) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, spd.runtime.SpdExperiment> loaded;
        long start = System.nanoTime();
        try {
            loaded = BatchJavac.compileAndLoad(
                    batch.stream().map(Generated::generated).toList());
        } catch (BatchJavac.CompileError e) {
            Generated culprit = batch.stream()
                    .filter(g -> g.generated().qualifiedName().equals(e.className()))
                    .findFirst()
                    .orElse(batch.getFirst());
            failures.add("the generated class of program " + culprit.index() + " does not compile: " + e.getMessage()
                    + "\n" + culprit.program() + "\n" + culprit.generated().source());
            batch.clear();
            return;
        }
        for (Generated g : batch) {
            try {
                assertTrue(loaded.get(g.generated().qualifiedName()).experiment() != null);
            } catch (RuntimeException e) {
                failures.add("the generated class of program " + g.index()
                        + " cannot build its experiment (spd run would" + " fail): " + e + "\n" + g.program());
            }
            assertNull(
                    System.getProperty(ProgramGenerator.CANARY),
                    "code from program " + g.index() + " ran:\n" + g.program());
        }
        tally.compiled += batch.size();
        tally.javacNanos += System.nanoTime() - start;
        batch.clear();
    }
}
