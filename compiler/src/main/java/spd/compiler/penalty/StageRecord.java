package spd.compiler.penalty;

import java.util.List;
import java.util.Objects;

/**
 * What one stage of a derivation did, in the order the stages ran: the report's headings and their steps.
 *
 * @param id the stage's short name, e.g. {@code integrate} (what {@code spd derive --dump-after} takes)
 * @param title the heading, e.g. "Integrate"
 * @param summary the stage's conclusion in one line, e.g. "closed form found"
 * @param steps the steps the stage took, possibly none
 */
public record StageRecord(String id, String title, String summary, List<Step> steps) {
    public StageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
    }
}
