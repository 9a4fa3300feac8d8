package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/**
 * Sparse variational dropout (Molchanov et al. 2017; theory.md 4.2 and 5.2): a Gaussian posterior N(W, alpha
 * W^2) per weight, trained on the SGVLB. With the trainer's batch-mean cross-entropy, the per-step objective is
 * CE_mean + sum KL(log alpha) / N with N the size of the training split actually trained on (the reference
 * code uses 60,000 while training on 48,000, theory.md 7.8; here N comes from the step context).
 *
 * <p>Three parameterizations, as in the reference code:
 *
 * <ul>
 *   <li>{@link Reparameterization#ADDITIVE}: parameters W and log sigma; log alpha = 2 log sigma - 2 log|W|,
 *       clamped to [-10, 10] (in the KL, the evaluation mask and the pruning count); local reparameterization
 *       trick with the unclamped sigma.
 *   <li>{@link Reparameterization#LOCAL}: parameters W and log alpha; log sigma = log alpha/2 + log|W|, clamped
 *       to [-10, 10] in the local reparameterization trick; the KL uses log alpha itself.
 *   <li>{@link Reparameterization#NONE}: parameters W and log alpha; weight noise W (1 + xi exp(log alpha/2)),
 *       one xi ~ N(0, 1) per weight and step, no local reparameterization.
 * </ul>
 *
 * <p>The local reparameterization trick samples the pre-activation: mean x.W, variance x^2.sigma^2 (+1e-8), one
 * Gaussian per output unit and example. The layer is initialised as the reference does: W ~ N(0, 0.02^2),
 * bias 0, log sigma or log alpha = -5. Evaluation uses W * 1[log alpha < threshold].
 *
 * @param reparameterization which parameters are learned and how noise is injected
 * @param threshold the log alpha above which a weight is zero at evaluation (ln 19: keep probability 0.05)
 */
public record VariationalDropout(Reparameterization reparameterization, double threshold) implements Regularizer {
    /** The evaluation threshold ln 19, the same as a keep probability below 0.05 (theory.md 4.3). */
    public static final double DEFAULT_THRESHOLD = Math.log(19);

    /** How the posterior is parameterized and sampled. */
    public enum Reparameterization {
        /** W and log sigma, local reparameterization trick ("VarDrop+LR+AR"). */
        ADDITIVE,
        /** W and log alpha, local reparameterization trick ("VarDrop+LR"). */
        LOCAL,
        /** W and log alpha, multiplicative weight noise sampled once per step ("VarDrop"). */
        NONE
    }

    /** Checks the threshold. */
    public VariationalDropout {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the variational-dropout threshold must be finite, got " + threshold);
        }
    }

    /** Variational dropout with the given parameterization and evaluation threshold on log alpha. */
    public static VariationalDropout of(Reparameterization reparameterization, double threshold) {
        return new VariationalDropout(reparameterization, threshold);
    }

    /** The additive parameterization with the threshold ln 19. */
    public static VariationalDropout additive() {
        return of(Reparameterization.ADDITIVE, DEFAULT_THRESHOLD);
    }

    /** The log-alpha parameterization with the local reparameterization trick and the threshold ln 19. */
    public static VariationalDropout local() {
        return of(Reparameterization.LOCAL, DEFAULT_THRESHOLD);
    }

    /** Plain multiplicative weight noise with the threshold ln 19. */
    public static VariationalDropout none() {
        return of(Reparameterization.NONE, DEFAULT_THRESHOLD);
    }

    @Override
    public String kind() {
        return "variational";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return switch (reparameterization) {
            case ADDITIVE -> new AdditiveVariationalLayer(layer, threshold);
            case LOCAL -> new LocalVariationalLayer(layer, threshold);
            case NONE -> new WeightNoiseVariationalLayer(layer, threshold);
        };
    }
}
