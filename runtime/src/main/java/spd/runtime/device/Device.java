package spd.runtime.device;

import java.util.Locale;
import spd.runtime.base.RunException;

/** Where training runs: {@code --device cpu|gpu}. */
public enum Device {
    /** ND4J's native CPU backend (the default build). */
    CPU,
    /** ND4J's CUDA backend (a build with the Maven profile {@code cuda}). */
    GPU;

    /** Parses {@code cpu} or {@code gpu} (any case), or explains the choices. */
    public static Device parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RunException("unknown device '%s': use --device cpu or --device gpu".formatted(text));
        }
    }
}
