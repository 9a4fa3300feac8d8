package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/** The command line's exit codes, its messages, and its machine-readable output. */
class CommandLineTest {
    @TempDir
    Path directory;

    private static String example(String name) {
        return Project.examples().resolve(name).toString();
    }

    @Test
    void checkExitsZeroOnCleanFilesAndOneOnErrors() {
        assertEquals(0, Main.execute("check", example("adadrop_logsum.spd"), example("figure1.spd")));
        assertEquals(Main.USER_ERROR, Main.execute("check", example("errors/unknown_name.spd")));
        assertEquals(
                Main.USER_ERROR,
                Main.execute("check", directory.resolve("absent.spd").toString()));
        assertEquals(Main.USER_ERROR, Main.execute("check"), "a missing argument is a user error");
    }

    @Test
    void checkNamesEachErrorWithItsPlaceCodeCaretAndHint() {
        String output = captureBoth(
                () -> assertEquals(Main.USER_ERROR, Main.execute("check", example("errors/unknown_name.spd"))));
        assertTrue(output.contains("unknown_name.spd:4:25: error[E0101]: unknown name 'epz'"), output);
        assertTrue(output.contains("^^^"), "a caret under the name: " + output);
        assertTrue(output.contains("help: did you mean 'eps'?"), output);
        assertTrue(output.contains("0 of 1 file ok; 2 errors, 0 warnings"), output);
    }

    @Test
    void checkOfAMissingFileOrArgumentSaysWhat() {
        Path absent = directory.resolve("absent.spd");
        String missingFile = captureBoth(() -> Main.execute("check", absent.toString()));
        assertTrue(missingFile.contains("error[E0004]: no such file: " + absent), missingFile);
        String missingArgument = captureBoth(() -> Main.execute("check"));
        assertTrue(missingArgument.contains("Missing required parameter: 'FILE'"), missingArgument);
        assertTrue(missingArgument.contains("spd check --help"), "points to the help: " + missingArgument);
    }

    @Test
    void checkPrintsJsonForTools() throws Exception {
        String json = capture(() -> Main.execute("check", "--format", "json", example("errors/unknown_name.spd")));
        JsonNode file = new ObjectMapper().readTree(json).get("files").get(0);
        assertEquals(false, file.get("ok").asBoolean());
        JsonNode first = file.get("diagnostics").get(0);
        assertEquals("E0101", first.get("code").asText());
        assertEquals(4, first.get("line").asInt());
        assertEquals(25, first.get("column").asInt());
    }

    @Test
    void deriveAtPrintsJsonWithTheRequestedPoints() throws Exception {
        String json = capture(() -> Main.execute(
                "derive",
                "--format",
                "json",
                "--at",
                "0.1,1,3",
                "-o",
                directory.toString(),
                example("adadrop_logsum.spd")));
        JsonNode root = new ObjectMapper().readTree(json);
        assertTrue(root.toString().contains("0.405465"), root.toString());
    }

    @Test
    void compileWritesTheGeneratedClass() {
        assertEquals(0, Main.execute("compile", "-o", directory.toString(), example("adatikhonov_logsum.spd")));
        assertTrue(Files.exists(directory.resolve("spd/generated/Lenet300Adatikhonov.java")));
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsAUserErrorNotACrash() throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
        String err = captureErr(() -> assertEquals(
                Main.USER_ERROR,
                Main.execute("compile", "-o", file.resolve("sub").toString(), example("adadrop_logsum.spd"))));
        assertTrue(err.startsWith("spd: cannot read or write a file"), err);
        String deriveErr = captureErr(() -> assertEquals(
                Main.USER_ERROR,
                Main.execute("derive", "-o", file.resolve("sub").toString(), example("adadrop_logsum.spd"))));
        assertTrue(deriveErr.contains("spd: cannot read or write a file: " + file.resolve("sub")), deriveErr);
        assertTrue(!deriveErr.contains("Exception") && !deriveErr.contains("\tat "), "no stack trace: " + deriveErr);
    }

    @Test
    void runLooksForMnistInTheDirectoryTheFileNamesRelativeToTheFile() throws Exception {
        Path file = Files.writeString(directory.resolve("dir.spd"), """
        experiment mnist_elsewhere {
          data mnist { dir "idx files" }
          network { input 784 dense 10 loss cross_entropy }
          train sgd(lr = 0.1) { epochs 1 }
        }
        """);
        String err = captureErr(() -> assertEquals(
                Main.USER_ERROR,
                Main.execute("run", "--quiet", "--out", directory.resolve("run").toString(), file.toString())));
        assertTrue(err.contains(directory.resolve("idx files").toString()), err);
    }

    @Test
    void runRejectsZeroEpochs() {
        String output = captureBoth(
                () -> assertEquals(Main.USER_ERROR, Main.execute("run", example("linear_lasso.spd"), "--epochs", "0")));
        assertTrue(output.contains("--epochs must be at least 1, not 0"), output);
    }

    @Test
    void runOfADeriveOnlyFileSaysWhatToDoInstead() {
        String output = captureBoth(() -> assertEquals(Main.USER_ERROR, Main.execute("run", example("figure1.spd"))));
        assertTrue(output.contains("has no experiment with data, a network and a train block"), output);
        assertTrue(output.contains("run: ./spd derive " + example("figure1.spd")), "what to do instead: " + output);
    }

    private static String captureErr(Runnable command) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true));
        try {
            command.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString();
    }

    /** What a command prints on standard output and standard error together. */
    private static String captureBoth(Runnable command) {
        String[] err = new String[1];
        String out = capture(() -> err[0] = captureErr(command));
        return out + err[0];
    }

    private static String capture(Runnable command) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            command.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString();
    }
}
