package spd.runtime.data;

import java.util.Arrays;
import spd.runtime.base.Seeds;

/**
 * A seeded train/validation split of n rows: a permutation derived from the seed picks the validation rows;
 * both parts are kept in file order (the trainer shuffles every epoch anyway).
 *
 * @param train the rows that train
 * @param validation the rows held out
 */
public record HoldOut(int[] train, int[] validation) {
    /** Holds out {@code round(n * fraction)} rows chosen by the permutation of {@code seed}. */
    public static HoldOut of(int n, double fraction, long seed) {
        int validationCount = (int) Math.round(n * fraction);
        int[] order = Seeds.permutation(n, Seeds.derive(seed, Seeds.DATA));
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int[] train = Arrays.copyOfRange(order, validationCount, n);
        Arrays.sort(train);
        Arrays.sort(validation);
        return new HoldOut(train, validation);
    }

    /** Every row, in order. */
    public static int[] all(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }
}
