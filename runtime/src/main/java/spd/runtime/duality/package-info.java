/**
 * The linear duality check of the theory (theory.md 2.3 and 4.1): IRLS for L + lambda Omega given the adaptive
 * rule eta_hat, and the comparison of its solution with the weights adaptive dropout reached.
 */
package spd.runtime.duality;
