/**
 * spd's charts: line, dashed and scatter series on linear or logarithmic axes, drawn once through a small canvas
 * interface into SVG (text as text, byte-for-byte deterministic) and into PNG (Java2D). Derivation reports, training
 * runs and sweeps all draw with it. It depends on nothing but the JDK, and no input makes it spin: values that are
 * not finite (or beyond {@link spd.plot.ChartGuard#LARGEST_DRAWN}) are gaps, and every loop over ticks is bounded.
 */
package spd.plot;
