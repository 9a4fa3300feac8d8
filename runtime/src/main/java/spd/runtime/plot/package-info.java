/** Guards for drawing charts of run data: values a chart library can draw, and drawing with a deadline. */
package spd.runtime.plot;
