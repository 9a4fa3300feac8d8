package spd.compiler.archfixture.two;

import spd.compiler.archfixture.one.First;

/** The other half of the deliberate package cycle: two -> one. */
public final class Second {
    private Second() {}

    /** One, as a call (a constant would be inlined by javac and leave no dependency in the bytecode). */
    public static int one() {
        return 1;
    }

    /** Reaches back into the first package. */
    public static int twice() {
        return 2 * First.size();
    }
}
