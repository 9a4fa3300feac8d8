package spd.compiler.codegen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code //} comment lines right above a declaration, as written: how an experiment describes itself. */
final class LeadingComment {
    private LeadingComment() {}

    static List<String> of(String source, int declarationLine) {
        String[] lines = source.split("\n", -1);
        List<String> comment = new ArrayList<>();
        for (int i = declarationLine - 2; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.startsWith("//")) {
                break;
            }
            comment.add(line.substring(2).strip());
        }
        Collections.reverse(comment);
        return comment;
    }
}
