package spd.lsp;

import java.util.Optional;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.RuleDecl;
import spd.compiler.ast.Setting;
import spd.compiler.ast.Statement;
import spd.compiler.source.Span;

/** What the cursor is on, as far as hover and go-to-definition care. */
sealed interface Target {
    Span span();

    /** A named rule, where it is used ({@code logsum(eps: 2)}) or declared ({@code rule logsum(eps)}). */
    record RuleName(Ident name) implements Target {
        @Override
        public Span span() {
            return name.span();
        }
    }

    /** A named argument of a rule call, {@code eps} in {@code logsum(eps: 2)}. */
    record RuleParameter(String rule, Ident parameter) implements Target {
        @Override
        public Span span() {
            return parameter.span();
        }
    }

    /** A built-in function such as {@code log}. */
    record Function(Ident name) implements Target {
        @Override
        public Span span() {
            return name.span();
        }
    }

    /** A name in an expression or a {@code let}: a constant of the experiment, or a rule's parameter or constant. */
    record Name(String name, Span span, Optional<Experiment> experiment, Optional<RuleDecl> rule) implements Target {}

    /** A layer of a network block. */
    record Layer(LayerDecl layer, Experiment experiment) implements Target {
        @Override
        public Span span() {
            return layer.span();
        }
    }

    /** A layer named after {@code on}. */
    record LayerName(Ident name, Experiment experiment) implements Target {
        @Override
        public Span span() {
            return name.span();
        }
    }

    /** The key of a block setting, such as {@code epochs}; {@code block} is the schema it belongs to. */
    record SettingKey(Setting setting, String block, Optional<String> kind) implements Target {
        @Override
        public Span span() {
            return setting.key().span();
        }
    }

    /** A statement with an effective penalty: an eta rule, {@code eta = rule(...)}, a mask or a penalty. */
    record Regularizing(Statement statement, Experiment experiment) implements Target {
        @Override
        public Span span() {
            return statement.span();
        }
    }
}
