package spd.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostic;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.SourceFile;

/** Syntax errors name what was expected in the language's words, never as a list of ANTLR token names. */
class SyntaxErrorsTest {

    private static List<Diagnostic> errors(String text) {
        Diagnostics diagnostics = new Diagnostics();
        SourceParser.parse(new SourceFile("t.spd", text), diagnostics);
        return diagnostics.sorted();
    }

    @Test
    void aLayerLineThatIsNotALayer() {
        List<Diagnostic> errors = errors("experiment e { network { input 784\n relu 300\n dense 10 } }");
        assertEquals(1, errors.size());
        assertEquals("expected <layer> or '}', found 'relu'", errors.getFirst().message());
        assertEquals(2, errors.getFirst().span().line());
        assertTrue(errors.getFirst().help().getFirst().startsWith("a network holds"));
    }

    @Test
    void anExpressionCutShort() {
        List<Diagnostic> errors = errors("experiment e { eta(w) = |w| * }");
        assertEquals("expected <expression>, found '}'", errors.getFirst().message());
    }

    @Test
    void aKeywordUsedAsANameIsOneError() {
        List<Diagnostic> errors = errors("experiment e { let data = 3\n let y = 4 }");
        assertEquals(1, errors.size());
        assertEquals("expected <name>, found 'data'", errors.getFirst().message());
        assertTrue(errors.getFirst().help().getFirst().contains("keyword"));
    }

    @Test
    void severalErrorsInOneFileAreAllReported() {
        List<Diagnostic> errors =
                errors("experiment e {\n network { input 784\n relu 300 }\n let x = (1 + 2\n let y = 3\n}");
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void messagesNeverListTokenNames() {
        for (String text : List.of(
                "experiment",
                "experiment e {",
                "experiment e { mask bernoulli { keep = } }",
                "experiment e { train adam(lr = ) }",
                "rule r( { }",
                "experiment e { prune keep }",
                "}")) {
            for (Diagnostic d : errors(text)) {
                // ANTLR's own messages read "mismatched input ... expecting {'}', ID, NUMBER}".
                assertFalse(
                        d.message().contains("T__")
                                || d.message().contains("expecting")
                                || d.message().matches(".*\\{[^}]*,[^}]*\\}.*")
                                || d.message().matches(".*\\b[A-Z_]{2,}\\b.*"),
                        text + " -> " + d.message());
            }
        }
    }

    @Test
    void lexicalErrorsHaveTheirOwnCodes() {
        assertEquals(
                Code.E0005, errors("experiment e { let x = 3 $ 4 }").getFirst().code());
        assertEquals(
                Code.E0006,
                errors("experiment e { data mnist { dir \"x } }").getFirst().code());
        assertEquals(
                Code.E0007, errors("experiment e { /* never closed ").getFirst().code());
    }

    @Test
    void aClosedBlockCommentFollowedByMoreTextIsJustAComment() {
        assertEquals(List.of(), errors("/* a block comment */ experiment e { eta(w) = |w| /* and * another ** */ }"));
        assertEquals(List.of(), errors("/**/ experiment e { eta(w) = |w| } /* last ***/"));
        assertEquals(List.of(), errors("/* one */ /* two */\nexperiment e { eta(w) = |w| }\n/* three */"));
        List<Diagnostic> open = errors("/* closed */ experiment e { eta(w) = |w| }\n/* open ** ");
        assertEquals(Code.E0007, open.getFirst().code());
        assertEquals(2, open.getFirst().span().line());
    }

    @Test
    void deepNestingIsADiagnosticNotAStackOverflow() {
        String deep = "experiment e { eta(w) = " + "(".repeat(5000) + "w" + ")".repeat(5000) + " }";
        assertEquals(Code.E0002, errors(deep).getFirst().code());
    }
}
