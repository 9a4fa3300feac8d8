/** What generated spd experiments call: layers, masks, optimizers, data sets, metrics. */
package spd.runtime;
