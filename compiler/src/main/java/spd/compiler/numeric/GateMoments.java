package spd.compiler.numeric;

/**
 * The moments of a hard-concrete gate z at one log-parameter ln a: E[z], E[z²], P(z ≠ 0), and the normalised
 * mask variance V = E[z²]/E[z]² - 1 = Var z / E[z]² (theory §1.1), each with its error where it has one.
 */
public record GateMoments(
        double logA, Estimate mean, Estimate secondMoment, double nonZeroProbability, Estimate normalisedVariance) {}
