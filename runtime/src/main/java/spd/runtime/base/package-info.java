/**
 * The bottom of the runtime: what every other runtime package may use (random streams, the user-facing run
 * error, the element-wise weight functions generated code supplies). It depends on no other spd package.
 */
package spd.runtime.base;
