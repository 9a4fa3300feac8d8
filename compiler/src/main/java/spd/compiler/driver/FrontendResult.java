package spd.compiler.driver;

import java.util.List;
import java.util.Optional;
import spd.compiler.ast.SpdFile;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.RuleTable;
import spd.compiler.model.Experiment;
import spd.compiler.source.SourceFile;

/** What the front end made of one file: its source, AST and rules when they could be built, and diagnostics. */
public record FrontendResult(
        String path,
        Optional<SourceFile> source,
        Optional<SpdFile> ast,
        Optional<RuleTable> rules,
        List<Experiment> experiments,
        Diagnostics diagnostics,
        boolean internalError) {

    public FrontendResult {
        experiments = List.copyOf(experiments);
    }

    /** Whether later stages (derivation, codegen) may run: no errors at all. */
    public boolean ok() {
        return !diagnostics.hasErrors() && ast.isPresent();
    }
}
