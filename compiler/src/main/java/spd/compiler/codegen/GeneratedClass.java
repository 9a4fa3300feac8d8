package spd.compiler.codegen;

/** The Java source generated for one experiment. */
public record GeneratedClass(String packageName, String simpleName, String source, String sha256) {
    public String qualifiedName() {
        return packageName + "." + simpleName;
    }

    public String fileName() {
        return simpleName + ".java";
    }
}
