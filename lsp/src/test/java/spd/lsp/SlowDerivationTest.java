package spd.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A derivation that never ends holds up neither diagnostics nor the hover that asked for it, and an edit cancels it. */
class SlowDerivationTest {
    private static final String TEXT = """
      experiment slow {
        let lambda = 1e-3
        eta(w) = |w| * (|w| + 2)
      }
      """;

    @Test
    void anEditPublishesDiagnosticsWhileADerivationHangsAndCancelsIt() throws Exception {
        Semaphore calls = new Semaphore(0);
        Derivations hanging = new Derivations(input -> {
            calls.release();
            try {
                new Semaphore(0).acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        });
        try (LspSession session = new LspSession(new SpdLanguageServer(Duration.ofMinutes(1), hanging))) {
            String uri = "untitled:slow.spd";
            session.open(uri, TEXT);
            var hover = session.hoverLater(uri, 2, 3);
            // The warm-up and the hover's derivation have both started, and both hang.
            assertTrue(
                    calls.tryAcquire(2, LspSession.TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "the derivations never started");
            int edited = session.change(uri, TEXT.replace("1e-3", "1e-2"));
            session.awaitDiagnostics(uri, edited);
            String answer = hover.get(LspSession.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .getContents()
                    .getRight()
                    .getValue();
            assertTrue(answer.contains("cancelled by an edit"), answer);
        }
    }
}
