/**
 * What generated spd experiments implement and return: {@link spd.runtime.SpdExperiment} and the {@link
 * spd.runtime.Experiment} it declares. The layers, masks, optimizers, data sets and metrics live in the
 * subpackages; the types they all share live in {@code spd.runtime.base}.
 */
package spd.runtime;
