package spd.runtime.duality;

import java.util.BitSet;

/** The support of a weight vector (the indices with |w| above a threshold) and the overlap of two supports. */
public final class Support {
    private Support() {}

    /** The indices i with |w_i| > threshold. */
    public static BitSet of(double[] w, double threshold) {
        BitSet support = new BitSet(w.length);
        for (int i = 0; i < w.length; i++) {
            if (Math.abs(w[i]) > threshold) {
                support.set(i);
            }
        }
        return support;
    }

    /** |A and B| / |A or B|, and 1 when both are empty. */
    public static double jaccard(BitSet a, BitSet b) {
        BitSet union = (BitSet) a.clone();
        union.or(b);
        if (union.isEmpty()) {
            return 1;
        }
        BitSet intersection = (BitSet) a.clone();
        intersection.and(b);
        return (double) intersection.cardinality() / union.cardinality();
    }
}
