package spd.compiler.cli;

import java.io.PrintWriter;

/**
 * The exit status of a command over several files and experiments. One failure never stops the others: each is
 * reported where it happens and recorded here, and the worst wins (0 ok, 1 a user error, 2 a bug in spd).
 */
final class BatchStatus {
    private int status;

    /** Something in the user's input failed (already reported). */
    void userError() {
        status = Math.max(status, Main.USER_ERROR);
    }

    /** spd itself failed on one file or experiment: says so, and the batch goes on. */
    void internalError(String command, String what, Throwable e, PrintWriter err) {
        err.printf("spd %s: %s: internal error: %s%n", command, what, e);
        err.println("  This is a bug in spd, not in your file; please report it with the file. The other files and "
                + "experiments were still processed.");
        err.flush();
        status = Main.INTERNAL_ERROR;
    }

    /** A failure of the kind the exit code says. */
    void record(int exitCode) {
        status = Math.max(status, exitCode);
    }

    int exitCode() {
        return status;
    }
}
