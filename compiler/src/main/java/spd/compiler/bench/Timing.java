package spd.compiler.bench;

import java.util.Arrays;

/** Median and spread of repeated timings, in milliseconds. */
public record Timing(String what, double medianMillis, double minMillis, double maxMillis, int samples) {

    /** Runs {@code task} {@code warmup} times untimed, then {@code samples} times timed. */
    public static Timing of(String what, int warmup, int samples, Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            task.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Timing(what, millis[samples / 2], millis[0], millis[samples - 1], samples);
    }
}
