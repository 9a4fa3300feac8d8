/**
 * Hand-written experiments shaped exactly like the classes the spd code generator emits: constants, the
 * element-wise rules as static functions over {@code INDArray}, and a declarative {@code experiment()}. The
 * tests train them and the step benchmark measures them; the generator is modelled on them.
 */
package spd.runtime.examples;
