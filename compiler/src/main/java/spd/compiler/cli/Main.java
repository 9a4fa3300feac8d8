package spd.compiler.cli;

/** Entry point of the spd command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("spd 0.1.0");
  }
}
