package spd.lsp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import spd.compiler.numeric.Deadline;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.PenaltyDeriver;

/**
 * Derivations for hovers, run on their own threads so that a slow one never delays diagnostics: one per statement
 * of a document version (a second hover reuses it), each bounded in CPU time, and an edit cancels the document's
 * unfinished ones (their hovers answer at once; the engine's own limits end the work).
 */
final class Derivations {
    /**
     * The CPU time one derivation may take ({@link Deadline}): it goes on in the background after a hover gave up
     * waiting, and an edit only forgets it, so this is what bounds the work of a derivation nobody will read.
     */
    static final Duration CPU_BUDGET = Duration.ofSeconds(10);
    /** The derivation recurses over expressions; the same roomy stack as the front end's keeps it clear of overflow. */
    private static final long STACK_BYTES = 256L << 20;

    /** One statement of one version of a document. */
    record Key(String uri, int version, String experiment, int line) {}

    private final Map<Key, FutureTask<Derivation>> running = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private final Function<DerivationInput, Derivation> deriver;

    Derivations() {
        this(input -> Deadline.within(CPU_BUDGET, "the derivation of a hover", () -> PenaltyDeriver.derive(input)));
    }

    /** Derivations by {@code deriver} (tests put a slow one in to see that nothing waits for it). */
    Derivations(Function<DerivationInput, Derivation> deriver) {
        this.deriver = deriver;
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(null, task, "spd-derivation-" + count.incrementAndGet(), STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The derivation of {@code input}, started now or earlier for the same key. */
    Future<Derivation> derive(Key key, DerivationInput input) {
        return running.computeIfAbsent(key, k -> {
            FutureTask<Derivation> task = new FutureTask<>(() -> deriver.apply(input));
            threads.execute(task);
            return task;
        });
    }

    /**
     * Derives a small rule once, in the background, so that the engine's classes are loaded and compiled before the
     * first hover asks (a cold derivation takes about a second, a warm one milliseconds).
     */
    void warmUp(DerivationInput input) {
        threads.execute(() -> {
            try {
                deriver.apply(input);
            } catch (RuntimeException e) {
                // Only a warm-up: a real hover on the same rule reports whatever went wrong.
            }
        });
    }

    /** Forgets a document's derivations and interrupts those still running: the text they derived is gone. */
    void cancel(String uri) {
        running.entrySet().removeIf(entry -> {
            if (!entry.getKey().uri().equals(uri)) {
                return false;
            }
            entry.getValue().cancel(true);
            return true;
        });
    }

    void shutdown() {
        threads.shutdownNow();
    }
}
