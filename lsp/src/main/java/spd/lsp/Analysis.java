package spd.lsp;

import java.util.Optional;
import spd.compiler.ast.SpdFile;
import spd.compiler.driver.FrontendResult;
import spd.compiler.lang.RuleTable;
import spd.compiler.model.Experiment;

/** What the front end made of one version of an open document: everything hover, completion and symbols read. */
record Analysis(OpenDocument document, FrontendResult result) {

    Optional<SpdFile> ast() {
        return result.ast();
    }

    Optional<RuleTable> rules() {
        return result.rules();
    }

    /** The resolved experiment of this name, present when the file checks without errors. */
    Optional<Experiment> experiment(String name) {
        return result.experiments().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    long errorCount() {
        return result.diagnostics().errorCount();
    }
}
