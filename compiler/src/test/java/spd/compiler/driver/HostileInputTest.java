package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostic;
import spd.compiler.source.SourceFile;

/**
 * The front-end reproducers of issue 15: each hostile input ends in a diagnostic at a line and column (or a clean
 * result), quickly, and never in an internal error, a hang or an out-of-memory error.
 */
class HostileInputTest {
    /** Far above what any of these takes on a loaded machine; a hang or a quadratic pass would take much longer. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private FrontendResult check(String text) {
        return assertTimeoutPreemptively(LIMIT, () -> Frontend.run(new SourceFile("hostile.spd", text), directory));
    }

    private FrontendResult checkFile(Path file) {
        return assertTimeoutPreemptively(LIMIT, () -> Frontend.run(file));
    }

    /** The one error of the result (there must be exactly one kind reported), with its position. */
    private static Diagnostic onlyError(FrontendResult result, Code code) {
        assertFalse(result.internalError(), () -> result.diagnostics().sorted().toString());
        List<Diagnostic> errors = result.diagnostics().sorted().stream()
                .filter(Diagnostic::isError)
                .toList();
        assertFalse(errors.isEmpty(), "no error reported");
        assertTrue(errors.stream().allMatch(d -> d.code() == code), errors::toString);
        return errors.getFirst();
    }

    private static void at(Diagnostic d, int line, int column) {
        assertEquals(line + ":" + column, d.span().line() + ":" + d.span().column(), d.toString());
    }

    // ---------------------------------------------------------------- rules that cannot be derived or run

    @Test
    void aNegativeReweightingIsRejectedWithAWitness() {
        Diagnostic d = onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = -|w|\n}"), Code.E0411);
        at(d, 3, 12);
        assertTrue(d.message().contains("eta(1) = -1"), d.message());
    }

    @Test
    void anOddReweightingIsNegativeForNegativeWeights() {
        Diagnostic d = onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = w\n}"), Code.E0411);
        assertTrue(d.message().contains("eta(-1) = -1"), d.message());
    }

    @Test
    void aRulesReweightingIsCheckedWithItsArguments() {
        String text =
                "rule scaled(c) {\n  eta(w) = c * |w|\n}\nexperiment e {\n  let lambda = 1\n  eta = scaled(c: -2)\n}";
        at(onlyError(check(text), Code.E0411), 6, 9);
    }

    @Test
    void aKeepProbabilityOutsideZeroOneIsRejected() {
        Diagnostic d = onlyError(
                check("experiment e {\n  let lambda = 1\n  mask bernoulli { keep = max(|w|, 2) }\n}"), Code.E0401);
        at(d, 3, 27);
        assertTrue(d.message().contains("keep = 2"), d.message());
    }

    @Test
    void aNegativeVarianceIsRejected() {
        at(
                onlyError(
                        check("experiment e {\n  let lambda = 1\n  mask gaussian { variance = -|w| }\n}"), Code.E0405),
                3,
                30);
    }

    @Test
    void zeroOverZeroIsADivisionByZero() {
        at(onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = |w| * 0/0\n}"), Code.E0503), 3, 12);
        at(onlyError(check("experiment e {\n  let x = 0/0\n  eta(w) = |w|\n}"), Code.E0503), 2, 11);
    }

    @Test
    void constantsThatOverflowADoubleAreRejected() {
        at(onlyError(check("experiment e {\n  let x = 1e308 * 10\n  eta(w) = |w|\n}"), Code.E0503), 2, 11);
        at(onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = |w| * 1e308 * 10\n}"), Code.E0503), 3, 12);
        at(onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = 1e300 * |w| * 1e300\n}"), Code.E0503), 3, 12);
    }

    @Test
    void hugeExactPowersAreADiagnosticNotAHang() {
        at(onlyError(check("experiment e {\n  let x = (7^9999)^9999\n  eta(w) = |w|\n}"), Code.E0503), 2, 12);
        at(onlyError(check("experiment e {\n  let x = (10^60000)^60000\n  eta(w) = |w|\n}"), Code.E0503), 2, 12);
        at(onlyError(check("experiment e {\n  let lambda = 1\n  eta(w) = |w|^(10^60000)\n}"), Code.E0503), 3, 17);
    }

    @Test
    void aPiecewiseConditionThatIsConstantIsRejected() {
        at(
                onlyError(
                        check(
                                "experiment e {\n  let lambda = 1\n  eta(w) = piecewise { |w| if 1 < 2, inf otherwise }\n}"),
                        Code.E0412),
                3,
                31);
    }

    @Test
    void masksWhoseLambdaOrGatesCannotWorkAreRejected() {
        // Both found by GrammarFuzzTest: a negative lambda crashed the variational-dropout derivation; beta 60000
        // rounds
        // the gates' initial probability to 1, which the run refused with an exception.
        at(
                onlyError(
                        check("experiment e {\n  let lambda = -150\n  mask variational { reparam additive }\n}"),
                        Code.E0203),
                2,
                16);
        at(
                onlyError(
                        check("experiment e {\n  let lambda = 1\n  mask hard_concrete { beta 60000 }\n}"), Code.E0203),
                3,
                3);
    }

    @Test
    void aRuleArgumentDividedByZeroIsRejected() {
        at(
                onlyError(check("import std\nexperiment e {\n  let lambda = 1\n  penalty lp(p: 1/0/2)\n}"), Code.E0503),
                4,
                17);
    }

    @Test
    void layersAndDataTooLargeForAnArrayAreRejected() {
        String mnist = "experiment e {\n  data mnist { validation 0.2 }\n  network { input 784\n dense 3000000 relu\n"
                + " dense 10\n loss cross_entropy }\n  train adam(lr = 1e-3) { epochs 1 }\n}";
        at(onlyError(check(mnist), Code.E0301), 4, 2);
        String linear = "experiment e {\n  data linear { n 100000, d 100000, support 5 }\n"
                + "  network { input 100000 linear 1 loss squared }\n  train sgd(lr = 1e-3) { epochs 1 }\n}";
        at(onlyError(check(linear), Code.E0203), 2, 3);
    }

    // ---------------------------------------------------------------- imports and files

    @Test
    void importCyclesAreReportedAsCycles() throws IOException {
        Files.writeString(directory.resolve("a.spd"), "import \"b.spd\"\nrule ra(x) {\n  eta(w) = x * |w|\n}\n");
        Files.writeString(directory.resolve("b.spd"), "import \"a.spd\"\nrule rb(x) {\n  eta(w) = x * |w|\n}\n");
        Diagnostic d = onlyError(checkFile(directory.resolve("a.spd")), Code.E0111);
        assertEquals("import cycle: a.spd imports b.spd imports a.spd", d.message());
    }

    @Test
    void anImportPathWithANulCharacterIsADiagnostic() {
        at(onlyError(check("import \"a\u0000b\"\nexperiment e {\n  eta(w) = |w|\n}"), Code.E0107), 1, 1);
    }

    @Test
    void importingADeviceIsADiagnosticNotAHang() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Diagnostic d = onlyError(check("import \"/dev/zero\"\nexperiment e {\n  eta(w) = |w|\n}"), Code.E0107);
        assertTrue(d.message().contains("not a regular file"), d.message());
    }

    @Test
    void importingAPipeIsADiagnosticNotAHang() throws Exception {
        Path fifo = directory.resolve("pipe.spd");
        boolean made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        assumeTrue(made, "mkfifo is not available");
        Diagnostic d = onlyError(check("import \"pipe.spd\"\nexperiment e {\n  eta(w) = |w|\n}"), Code.E0107);
        assertTrue(d.message().contains("not a regular file"), d.message());
    }

    @Test
    void aHugeFileIsADiagnosticNotAnOutOfMemoryError() throws IOException {
        Path huge = directory.resolve("huge.spd");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        assertTrue(onlyError(checkFile(huge), Code.E0004).message().contains("larger than 16 MB"));
        Diagnostic d = onlyError(check("import \"huge.spd\"\nexperiment e {\n  eta(w) = |w|\n}"), Code.E0107);
        assertTrue(d.message().contains("larger than 16 MB"), d.message());
    }

    @Test
    void checkingADeviceDirectlyIsADiagnostic() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        onlyError(checkFile(Path.of("/dev/zero")), Code.E0004);
    }

    // ---------------------------------------------------------------- size: linear passes

    @Test
    void garbageIsReportedOnlyUpToALimit() {
        StringBuilder garbage = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        String chars = "$#@!%^&~`?;<>\\\"'{}()[] \n";
        for (int i = 0; i < 2_000_000; i++) {
            garbage.append(chars.charAt(random.nextInt(chars.length())));
        }
        FrontendResult result = check(garbage.toString());
        assertFalse(result.internalError());
        assertTrue(result.diagnostics().hasErrors());
        assertTrue(result.diagnostics().sorted().size() <= spd.compiler.diag.Diagnostics.LIMIT);
    }

    @Test
    void manyLetsAndExperimentsCheckInLinearTime() {
        StringBuilder lets = new StringBuilder("experiment many {\n  let c0 = 1\n");
        for (int i = 1; i < 20_000; i++) {
            lets.append("  let c").append(i).append(" = c").append(i - 1).append(" + 1\n");
        }
        lets.append("  eta(w) = |w| * c19999\n}\n");
        FrontendResult chain = check(lets.toString());
        assertTrue(chain.ok(), () -> chain.diagnostics().sorted().toString());
        assertEquals(
                20_000.0,
                chain.experiments().getFirst().constants().get("c19999").value());
        StringBuilder experiments = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            experiments.append("experiment e").append(i).append(" { eta(w) = |w| }\n");
        }
        FrontendResult many = check(experiments.toString());
        assertEquals(20_000, many.experiments().size());
    }
}
