package spd.runtime.train;

import java.nio.file.Path;

/** A child process for the kill-and-resume test: trains the fixture experiment into a run directory. */
public final class ResumeFixture {
    private ResumeFixture() {}

    /** Arguments: the run directory, the number of rows, the number of epochs. */
    public static void main(String[] args) {
        RunResult result = Trainer.run(
                Fixtures.experiment(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 7),
                RunOptions.quiet().writingTo(Path.of(args[0])));
        System.out.println("status " + result.status());
    }
}
