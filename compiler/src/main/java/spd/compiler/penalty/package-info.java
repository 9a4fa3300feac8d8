/**
 * Derivation of the effective penalty of a masking rule (theory.md sections 2-3), its dual, properties and reports.
 */
package spd.compiler.penalty;
