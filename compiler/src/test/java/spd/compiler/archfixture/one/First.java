package spd.compiler.archfixture.one;

import spd.compiler.archfixture.two.Second;

/** Half of a deliberate package cycle (one -> two -> one), for ArchitectureTest to show that cycles fail. */
public final class First {
    private First() {}

    /** Reaches into the other package, which reaches back. */
    public static int size() {
        return Second.one();
    }
}
