package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.SourceFile;

/** One parsed `.spd` file: its imports, named rules and experiments, in source order. */
public record SpdFile(SourceFile source, List<Import> imports, List<RuleDecl> rules, List<Experiment> experiments) {
    public SpdFile {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        experiments = List.copyOf(experiments);
    }
}
