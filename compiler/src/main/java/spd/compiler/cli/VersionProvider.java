package spd.compiler.cli;

import picocli.CommandLine.IVersionProvider;
import spd.compiler.lang.Version;

/** What {@code spd --version} prints: spd's version and the Java runtime's. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"spd " + Version.VERSION, "Java " + Runtime.version()};
    }
}
