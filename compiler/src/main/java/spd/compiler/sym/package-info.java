/**
 * spd's symbolic engine: immutable canonical expressions over exact rationals ({@link spd.compiler.sym.Expr}),
 * simplification, differentiation, integration, limits and printers (text, LaTeX, Java/ND4J).
 */
package spd.compiler.sym;
