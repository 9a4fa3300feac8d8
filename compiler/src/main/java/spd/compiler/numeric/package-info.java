/**
 * Certified double-precision numerics behind the penalty derivation: every result carries its estimated error
 * and says when it could not reach the requested tolerance, and nothing is random.
 *
 * <p>Building blocks:
 * <ul>
 *   <li>{@link spd.compiler.numeric.Quadrature}: adaptive Gauss–Kronrod (G7–K15, nodes computed from the
 *       Legendre polynomials), behind double-exponential substitutions for endpoint singularities and [a, ∞);
 *       results are {@link spd.compiler.numeric.Integral}s;</li>
 *   <li>{@link spd.compiler.numeric.Roots} (Brent, with log-scale bracket expansion on (0, ∞)) and
 *       {@link spd.compiler.numeric.Maximize} (Brent's golden-section/parabolic search, and grid-then-refine
 *       global search);</li>
 *   <li>{@link spd.compiler.numeric.Dawson}: Dawson's function to about 1e-15 relative error.</li>
 * </ul>
 *
 * <p>Penalties (theory.md §2–3; all values are Omega, the total penalty being lambda·Omega):
 * <ul>
 *   <li>{@link spd.compiler.numeric.NumericPenalty}: Omega(w) = ∫_0^|w| t/η̂(t) dt for any rule η̂, its dual
 *       f(η) = sup_w [2 Omega(w) - w²/η], its slope at 0 and divergence there
 *       ({@link spd.compiler.numeric.BehaviourAtZero});</li>
 *   <li>{@link spd.compiler.numeric.DualDefinedRule}: η̂ and Omega from a dual f given by its derivative
 *       ({@link spd.compiler.numeric.Dual});</li>
 *   <li>{@link spd.compiler.numeric.VariationalDropout}: the exact (Dawson) and approximate (Molchanov) KL duals
 *       with the lambda/s scaling of §3.2;</li>
 *   <li>{@link spd.compiler.numeric.HardConcrete}: Louizos et al.'s L0 gates, with moments by quadrature.</li>
 * </ul>
 *
 * <p>Results are {@link spd.compiler.numeric.Estimate}s (value, error, {@link spd.compiler.numeric.Outcome},
 * message). A caller shows {@code message()} whenever {@code converged()} is false: it is written for the user
 * and says what went wrong (a NaN of the rule at some t, a divergent penalty, an unreachable tolerance).
 */
package spd.compiler.numeric;
