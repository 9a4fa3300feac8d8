package spd.compiler.lang;

/** The version of spd, as printed by {@code spd --version} and written into generated code. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {}
}
