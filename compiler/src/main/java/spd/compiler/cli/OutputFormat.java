package spd.compiler.cli;

/** How a command prints its results: for people, or as JSON for tools and editors. */
public enum OutputFormat {
    text,
    json
}
