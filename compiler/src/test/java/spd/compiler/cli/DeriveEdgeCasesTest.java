package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spd.compiler.testing.Project;

/**
 * Issue 15's reproducers for {@code spd derive}: {@code --at 0} on penalties whose dual is defined only for eta > 0
 * (a constant penalty, the shipped figure 1, bridge-rule, non-monotone and hard-concrete examples) printed a stack
 * trace, and a lambda of 0 ran out of heap drawing a log axis from 0. Each must now end with its reports and exit 0.
 * Rules the grammar fuzz test found that spd derive or spd compile cannot handle end in a diagnostic and exit 1.
 */
class DeriveEdgeCasesTest {
    /** Far above what a derivation takes; the lambda = 0 plot used to run until the heap was gone. */
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"figure1.spd", "bridge_rules.spd", "not_monotone.spd", "hard_concrete.spd"})
    void deriveAtZeroEndsOnTheShippedExamples(String example) {
        Path file = Project.examples().resolve(example);
        String err = derive("--at", "0,1", "-o", directory.toString(), file.toString());
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void deriveAtZeroEndsOnAConstantPenalty() throws IOException {
        Path file = Files.writeString(
                directory.resolve("constant.spd"),
                "experiment constant {\n  let lambda = 1\n  penalty omega(w) = 2\n}\n");
        String err = derive("--at", "0", "-o", directory.resolve("out").toString(), file.toString());
        assertFalse(err.contains("Exception"), err);
        assertTrue(Files.exists(directory.resolve("out/constant.penalty.md")));
    }

    @Test
    void aLambdaOfZeroDrawsItsPlotsAndEnds() throws IOException {
        Path file = Files.writeString(
                directory.resolve("zero.spd"),
                "import std\nexperiment zero {\n  let lambda = 0\n  eta = logsum(eps: 2)\n}\n");
        derive("-o", directory.resolve("out").toString(), file.toString());
        assertTrue(Files.exists(directory.resolve("out/zero.penalty.md")));
    }

    /** Found by GrammarFuzzTest: each crashed spd derive or spd compile (exit 2) or hung it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "derive|experiment e {\n  let lambda = 0\n  mask hard_concrete { beta 8 }\n}",
                "derive|experiment e {\n  let lambda = 1\n  mask hard_concrete { beta 1e-8 }\n}",
                "derive|experiment e {\n  mask eta_trick { f(eta) = (eta)^inf }\n}",
                "compile|experiment e {\n  data linear { n 20, d 5, support 2 }\n  network { input 5 linear 1 loss squared }\n"
                        + "  eta(w) = (inf)^w\n  train sgd(lr = 0.1) { epochs 1 }\n}",
                "compile|experiment e {\n  data linear { n 20, d 5, support 2 }\n  network { input 5 linear 1 loss squared }\n"
                        + "  eta(w) = inf^2 + 10\n  mask tikhonov { keep = eta / (eta + 0.1) }\n  train sgd(lr = 0.1) { epochs 1 }\n}"
            })
    void whatCannotBeDerivedOrCompiledIsAUserError(String command) throws IOException {
        String[] parts = command.split("\\|", 2);
        Path file = Files.writeString(directory.resolve("fuzzed.spd"), parts[1] + "\n");
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true));
        try {
            int status = assertTimeoutPreemptively(
                    LIMIT,
                    () -> Main.execute(parts[0], "-o", directory.resolve("out").toString(), file.toString()));
            assertEquals(Main.USER_ERROR, status, bytes::toString);
        } finally {
            System.setErr(original);
        }
        assertTrue(bytes.toString().contains("fuzzed.spd:"), bytes::toString);
        assertFalse(bytes.toString().contains("internal error"), bytes::toString);
    }

    /** Runs spd derive, which must exit 0 in time; returns what it printed on stderr. */
    private static String derive(String... arguments) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true));
        try {
            String[] command = new String[arguments.length + 1];
            command[0] = "derive";
            System.arraycopy(arguments, 0, command, 1, arguments.length);
            int status = assertTimeoutPreemptively(LIMIT, () -> Main.execute(command));
            assertEquals(0, status, bytes::toString);
        } finally {
            System.setErr(original);
        }
        return bytes.toString();
    }
}
