/**
 * Test fixtures: hand-written experiments shaped like the classes the spd code generator emits (constants,
 * element-wise rules as static functions over {@code INDArray}, a declarative {@code experiment()}), so the
 * runtime's tests can train real rules without the compiler. Benchmarks never use them: {@code spd bench}
 * times the classes generated from the {@code .spd} files.
 */
package spd.runtime.examples;
