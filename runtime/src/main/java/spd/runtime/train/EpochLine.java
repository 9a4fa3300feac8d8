package spd.runtime.train;

import java.util.Locale;

/** The one line printed for a finished epoch, the same in every progress mode that prints one. */
final class EpochLine {
    private EpochLine() {}

    /** E.g. {@code epoch 3/20: train loss 0.1234, validation error 2.45%, nonzero 12.34%, 45,000 samples/s, 1.1 s}. */
    static String of(EpochMetrics m, int epochs) {
        return String.format(
                Locale.ROOT,
                "epoch %d/%d: train loss %.4g%s, nonzero %.2f%%, %,.0f samples/s, %.2f s",
                m.epoch(),
                epochs,
                m.trainLoss(),
                Double.isNaN(m.validationAccuracy())
                        ? Double.isNaN(m.validationLoss())
                                ? ""
                                : String.format(Locale.ROOT, ", validation loss %.4g", m.validationLoss())
                        : String.format(Locale.ROOT, ", validation error %.2f%%", 100 * m.validationError()),
                100 * m.nonzeroFraction(),
                m.samplesPerSecond(),
                m.seconds());
    }
}
