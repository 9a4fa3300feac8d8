package spd.runtime.duality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The linear duality check of one run: the dropout-trained weights against the IRLS solution of L + lambda
 * Omega for the same adaptive rule, and both against the generator's true support. Written as {@code
 * duality.json} into the run directory; {@link #summary()} is what the command line prints.
 *
 * @param lambda the penalty weight
 * @param dataFactor the data factor s_i used in the IRLS penalty
 * @param supportThreshold |w| above which a weight counts as in the support
 * @param irlsIterations the number of IRLS w-solves
 * @param irlsConverged whether IRLS met its tolerance
 * @param trueSupport the size of the generator's support
 * @param irlsSupport the size of the IRLS support
 * @param dropoutSupport the size of the dropout-trained support
 * @param jaccardDropoutIrls the overlap of the dropout and IRLS supports
 * @param jaccardIrlsTrue the overlap of the IRLS and true supports
 * @param jaccardDropoutTrue the overlap of the dropout and true supports
 * @param relativeDistance ||w_dropout - w_irls|| / ||w_irls|| (null when w_irls = 0)
 * @param irlsLoss the mean loss (1/2n)||y - X w||^2 at the IRLS weights
 * @param dropoutLoss the mean loss at the dropout-trained weights
 * @param irlsWeights the IRLS weights
 * @param dropoutWeights the dropout-trained weights
 * @param trueWeights the generator's weights
 */
public record DualityReport(
        double lambda,
        DataFactor dataFactor,
        double supportThreshold,
        int irlsIterations,
        boolean irlsConverged,
        int trueSupport,
        int irlsSupport,
        int dropoutSupport,
        double jaccardDropoutIrls,
        double jaccardIrlsTrue,
        double jaccardDropoutTrue,
        Double relativeDistance,
        double irlsLoss,
        double dropoutLoss,
        double[] irlsWeights,
        double[] dropoutWeights,
        double[] trueWeights) {

    /** The file name in the run directory. */
    public static final String FILE_NAME = "duality.json";

    /** snake_case keys, like the run directory's other files. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code duality.json} into {@code runDirectory}, atomically. */
    public Path write(Path runDirectory) {
        return writeJson(runDirectory, this);
    }

    private static Path writeJson(Path runDirectory, Object value) {
        Path target = runDirectory.resolve(FILE_NAME);
        Path temporary = runDirectory.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(value) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Writes {@code duality.json} for a run the check could not be made for, with the reason. */
    public static Path writeNotApplicable(Path runDirectory, String reason) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("checked", false);
        json.put("reason", reason);
        return writeJson(runDirectory, json);
    }

    /** A few lines for the terminal. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                """
        duality check (lambda = %s, s_i %s, support |w| > %s)
          IRLS:     %d nonzeros, %s after %d solves, loss %.6g
          dropout:  %d nonzeros, loss %.6g
          true:     %d nonzeros
          support overlap (Jaccard): dropout/IRLS %.3f, IRLS/true %.3f, dropout/true %.3f
          ||w_dropout - w_irls|| / ||w_irls|| = %s""",
                lambda,
                dataFactor == DataFactor.UNIT ? "= 1" : "= (X^T X)_ii / n",
                supportThreshold,
                irlsSupport,
                irlsConverged ? "converged" : "NOT converged",
                irlsIterations,
                irlsLoss,
                dropoutSupport,
                dropoutLoss,
                trueSupport,
                jaccardDropoutIrls,
                jaccardIrlsTrue,
                jaccardDropoutTrue,
                relativeDistance == null
                        ? "undefined (w_irls = 0)"
                        : String.format(Locale.ROOT, "%.4g", relativeDistance));
    }
}
