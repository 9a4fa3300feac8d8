package spd.compiler.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of spd, as printed by {@code spd --version} and written into generated code. */
public final class Version implements IVersionProvider {
  public static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {"spd " + VERSION, "Java " + Runtime.version()};
  }
}
