package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/**
 * L0 regularization with hard-concrete gates (Louizos, Welling, Kingma 2018; theory.md table row 11): every
 * weight has a learned log_a and the training weights are W * z with the gate
 *
 * <pre>
 *   z = clip(sigmoid((log u - log(1 - u) + log_a)/beta) (zeta - gamma) + gamma, 0, 1),  u ~ U(0, 1),
 * </pre>
 *
 * <p>sampled every step from the layer's seeded stream and differentiated through the sample
 * (reparameterization). The loss adds lambda * sum P(z != 0) = lambda * sum sigmoid(log_a - beta log(-gamma/zeta)),
 * which is also the keep probability. Evaluation uses the deterministic gate clip(sigmoid(log_a) (zeta - gamma) +
 * gamma, 0, 1).
 *
 * <p>lambda weighs the penalty against the trainer's batch-mean loss; Louizos et al. write lambda/N against a
 * summed loss, which is the same objective.
 *
 * @param lambda the weight of the expected L0 norm, >= 0
 * @param beta the temperature, > 0 (2/3)
 * @param gamma the lower end of the stretch, < 0 (-0.1)
 * @param zeta the upper end of the stretch, > 1 (1.1)
 * @param init the initial probability that a gate is nonzero, in (0, 1) (0.5)
 */
public record HardConcrete(double lambda, double beta, double gamma, double zeta, double init) implements Regularizer {
    /** The temperature of Louizos et al. */
    public static final double DEFAULT_BETA = 2.0 / 3.0;
    /** The lower end of the stretch of Louizos et al. */
    public static final double DEFAULT_GAMMA = -0.1;
    /** The upper end of the stretch of Louizos et al. */
    public static final double DEFAULT_ZETA = 1.1;
    /** The default initial probability that a gate is nonzero. */
    public static final double DEFAULT_INIT = 0.5;

    /** Checks the ranges. */
    public HardConcrete {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("hard-concrete gates need lambda >= 0, got " + lambda);
        }
        if (!(beta > 0) || !(gamma < 0) || !(zeta > 1)) {
            throw new IllegalArgumentException(
                    "hard-concrete gates need beta > 0, gamma < 0 and zeta > 1; got beta=%s gamma=%s zeta=%s"
                            .formatted(beta, gamma, zeta));
        }
        if (!(init > 0 && init < 1)) {
            throw new IllegalArgumentException("the initial gate probability must be in (0, 1), got " + init);
        }
    }

    /** Gates with the constants of Louizos et al. (beta 2/3, gamma -0.1, zeta 1.1) opening with probability 0.5. */
    public static HardConcrete of(double lambda) {
        return new HardConcrete(lambda, DEFAULT_BETA, DEFAULT_GAMMA, DEFAULT_ZETA, DEFAULT_INIT);
    }

    /** Gates with every constant given. */
    public static HardConcrete of(double lambda, double beta, double gamma, double zeta, double init) {
        return new HardConcrete(lambda, beta, gamma, zeta, init);
    }

    /** beta log(-gamma/zeta): P(z != 0) = sigmoid(log_a - this shift). */
    double shift() {
        return beta * Math.log(-gamma / zeta);
    }

    /** The log_a at which P(z != 0) = init. */
    double initialLogA() {
        return Math.log(init / (1 - init)) + shift();
    }

    @Override
    public String kind() {
        return "hard_concrete";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new HardConcreteLayer(this, layer);
    }
}
