package spd.runtime.train;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on the terminal (epoch, loss, accuracy, nonzero fraction, samples/s), redrawn in
 * place, and one line per finished epoch with its validation numbers ({@code --progress bar}).
 */
final class ConsoleProgress implements Progress {
    /** Redraw the message every this many steps: formatting every step would cost more than it shows. */
    private static final int MESSAGE_EVERY = 25;

    private ProgressBar bar;
    private int steps;
    private int epochs;
    private double nonzeroFraction;

    @Override
    public void startEpoch(int epoch, int epochs, int stepCount, double lastNonzeroFraction) {
        this.nonzeroFraction = lastNonzeroFraction;
        this.steps = 0;
        this.epochs = epochs;
        bar = new ProgressBarBuilder()
                .setTaskName("epoch %d/%d".formatted(epoch + 1, epochs))
                .setInitialMax(stepCount)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .hideEta()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override
    public void step(double loss, double accuracy, double samplesPerSecond) {
        bar.step();
        if (++steps % MESSAGE_EVERY == 0) {
            bar.setExtraMessage(String.format(
                    Locale.ROOT,
                    " loss %.4f%s  nonzero %s  %,.0f samples/s",
                    loss,
                    Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, "  acc %.2f%%", 100 * accuracy),
                    Double.isNaN(nonzeroFraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * nonzeroFraction),
                    samplesPerSecond));
        }
    }

    @Override
    public void endEpoch(EpochMetrics m) {
        bar.close();
        bar = null;
        System.err.println(EpochLine.of(m, epochs));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
